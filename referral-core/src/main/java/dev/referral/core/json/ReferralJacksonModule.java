package dev.referral.core.json;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.json.internal.Mappings;

/**
 * A Jackson module that writes and reads every {@link ReferralEvent} and the values it carries,
 * without any Jackson annotation on the library's records. Stores use it for event payloads; hosts
 * use it to publish events (webhooks, analytics):
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new ReferralJacksonModule());
 * String json = mapper.writeValueAsString(event);
 * ReferralEvent back = mapper.readValue(json, ReferralEvent.class); // equals event
 * }</pre>
 *
 * <p>The wire format is stable and documented in the README ("Events as JSON"):
 *
 * <ul>
 *   <li>An event is an object whose first field {@code "type"} is its {@link EventType} name,
 *       followed by one field per record component, named as the component. Reading accepts the
 *       fields in any order.
 *   <li>An empty {@code Optional} is left out; a missing field or {@code null} reads as empty.
 *   <li>Ids, referral codes, follow-up kinds and channels are strings; money is {@code
 *       {"amount":"12.50","currency":"EUR"}} with the amount as an exact decimal string; instants
 *       are ISO-8601 strings; enums are constant names; SKU and category sets are sorted arrays; an
 *       incentive has a {@code "type"} named as in the JSON rule format ({@code percentDiscount},
 *       {@code credit}, {@code giftCard}, {@code freeItem}, {@code points}, {@code gift}, {@code
 *       thankYou}, {@code commission}).
 *   <li>An unknown type, a missing required field, a wrong JSON type or a value the record rejects
 *       fails with a {@link com.fasterxml.jackson.databind.JsonMappingException} subclass whose
 *       message names the event type and the field. Unknown fields fail unless the mapper disables
 *       {@link com.fasterxml.jackson.databind.DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES}.
 * </ul>
 *
 * <p>The format of events does not depend on the mapper's other settings or modules (for example a
 * registered {@code JavaTimeModule} does not turn instants into numbers). Besides events, the
 * module maps the value types on their own: ids, {@code ReferralCode}, {@code FollowUpKind}, {@code
 * Channel}, {@code Money}, {@code Incentive}, {@code Purchase}, {@code Refund}, {@code Rejection}
 * and {@code Prospect}. It does not register anything for {@code java.time} or {@code BigDecimal}
 * values outside of those. A mapper's polymorphic default typing (an {@code "@class"} property, as
 * cache and Redis serializers configure it) wraps events and values as usual.
 *
 * <p>This class is threadsafe once registered; mappers configured with it are threadsafe as usual.
 */
public final class ReferralJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** The module's name, as Jackson reports it. */
  public static final String NAME = "ReferralJacksonModule";

  /** A module mapping every event type and value type. */
  public ReferralJacksonModule() {
    super(NAME, Version.unknownVersion());
    Mappings.addTo(this);
  }

  /**
   * A new {@link ObjectMapper} with this module registered and Jackson's defaults otherwise.
   *
   * @return a new mapper; configure it further as needed
   */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper().registerModule(new ReferralJacksonModule());
  }
}

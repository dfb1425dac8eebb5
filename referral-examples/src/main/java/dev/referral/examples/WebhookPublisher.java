package dev.referral.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Subscription;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.json.ReferralJacksonModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The README's webhook sample: a host posts every event of its program as JSON to a webhook. */
public final class WebhookPublisher {
  private WebhookPublisher() {}

  /**
   * Posts each event of {@code program}, after its commit, as a JSON body to {@code webhook}.
   *
   * @return the subscription; close it to stop publishing
   */
  public static Subscription publish(ReferralProgram program, HttpClient http, URI webhook) {
    // webhook:begin
    ObjectMapper mapper = new ObjectMapper().registerModule(new ReferralJacksonModule());
    Subscription webhookPublisher =
        program.onEvent(
            event -> {
              String body;
              try {
                body = mapper.writeValueAsString(event); // {"type":"LEAD_REFERRED","id":...}
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + event, e);
              }
              http.sendAsync(
                  HttpRequest.newBuilder(webhook)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
            });
    // webhook:end
    return webhookPublisher;
  }

  /**
   * The receiving side: reads a webhook body back into the event that was published.
   *
   * @throws JsonProcessingException if {@code body} is not an event in the library's format
   */
  public static ReferralEvent receive(String body) throws JsonProcessingException {
    // webhook-receive:begin
    ReferralEvent event = ReferralJacksonModule.objectMapper().readValue(body, ReferralEvent.class);
    // webhook-receive:end
    return event;
  }
}

package dev.referral.core;

import dev.referral.core.internal.Checks;
import dev.referral.core.internal.Contacts;
import dev.referral.core.spi.EmailNormalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Folds the aliases of one mailbox into one matching key, so that {@code
 * Jane.Doe+shop@GoogleMail.com} and {@code janedoe@gmail.com} are the same person for duplicate and
 * self-referral checks. Three kinds of rules, set per domain:
 *
 * <ul>
 *   <li><b>tags</b>: everything from a separator ({@code +} by default, for every domain) to the
 *       {@code @} is dropped;
 *   <li><b>dots</b>: for domains that ignore them (gmail.com by default), dots before the {@code @}
 *       are dropped;
 *   <li><b>domain aliases</b>: a domain that delivers to another one's mailboxes (googlemail.com to
 *       gmail.com by default) is replaced by it, and that domain's rules apply.
 * </ul>
 *
 * <p>Folding is idempotent and ignores case. Use it with {@link
 * ReferralProgram.Builder#emailNormalizer(EmailNormalizer)}; the program uses {@link #defaults()}
 * unless told otherwise. Immutable and thread-safe.
 */
public final class EmailAliasRules implements EmailNormalizer {

  /** The tag separator of every domain unless set otherwise: {@value}. */
  public static final char DEFAULT_TAG_SEPARATOR = '+';

  /** The domains that ignore dots by default: gmail.com. */
  public static final Set<String> DEFAULT_DOT_BLIND_DOMAINS = Set.of("gmail.com");

  /** The domain aliases by default: googlemail.com is gmail.com. */
  public static final Map<String, String> DEFAULT_DOMAIN_ALIASES =
      Map.of("googlemail.com", "gmail.com");

  private static final EmailAliasRules DEFAULTS = builder().build();

  private final Optional<Character> tagSeparator;
  private final Map<String, Optional<Character>> domainTagSeparators;
  private final Set<String> dotBlindDomains;
  private final Map<String, String> domainAliases;

  private EmailAliasRules(Builder b) {
    this.tagSeparator = b.tagSeparator;
    this.domainTagSeparators = Map.copyOf(b.domainTagSeparators);
    this.dotBlindDomains = Set.copyOf(b.dotBlindDomains);
    this.domainAliases = Map.copyOf(b.domainAliases);
  }

  /** {@code +} tags dropped everywhere, dots ignored at gmail.com, googlemail.com is gmail.com. */
  public static EmailAliasRules defaults() {
    return DEFAULTS;
  }

  /** Starts from the {@linkplain #defaults() defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The matching key of {@code email}: trimmed, in lower case, with the domain's aliases folded.
   *
   * @throws IllegalArgumentException if {@code email} is not a valid address
   */
  @Override
  public String normalize(String email) {
    String value = Contacts.email(email, "email");
    int at = value.lastIndexOf('@');
    String domain = value.substring(at + 1);
    domain = domainAliases.getOrDefault(domain, domain);
    String local = value.substring(0, at);
    Optional<Character> separator = domainTagSeparators.getOrDefault(domain, tagSeparator);
    if (separator.isPresent()) {
      int tag = local.indexOf(separator.get());
      if (tag > 0) {
        // "a.+b" folds to "a", not to the malformed "a." (folding must be idempotent)
        String untagged = stripTrailingDots(local.substring(0, tag));
        if (!untagged.isEmpty()) {
          local = untagged;
        }
      }
    }
    if (dotBlindDomains.contains(domain)) {
      String undotted = local.replace(".", "");
      if (!undotted.isEmpty()) {
        local = undotted;
      }
    }
    return local + "@" + domain;
  }

  private static String stripTrailingDots(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  @Override
  public String toString() {
    return "EmailAliasRules[tags="
        + tagSeparator.map(String::valueOf).orElse("kept")
        + ", perDomainTags="
        + new TreeMap<>(domainTagSeparators)
        + ", dotBlind="
        + new java.util.TreeSet<>(dotBlindDomains)
        + ", aliases="
        + new TreeMap<>(domainAliases)
        + "]";
  }

  /**
   * Builds {@link EmailAliasRules}, starting from the defaults. A bad domain or separator fails in
   * its setter; an alias chain fails in {@link #build()}. Not thread-safe.
   */
  public static final class Builder {
    private Optional<Character> tagSeparator = Optional.of(DEFAULT_TAG_SEPARATOR);
    private final Map<String, Optional<Character>> domainTagSeparators = new HashMap<>();
    private final Set<String> dotBlindDomains = new HashSet<>(DEFAULT_DOT_BLIND_DOMAINS);
    private final Map<String, String> domainAliases = new HashMap<>(DEFAULT_DOMAIN_ALIASES);

    private Builder() {}

    private static String domain(@Nullable String domain, String name) {
      String value = Checks.notBlank(domain, name).toLowerCase(Locale.ROOT);
      Contacts.email("x@" + value, name);
      return value;
    }

    private static char separator(char separator) {
      if (separator == '.' || separator == '@' || !Contacts.isLocalPartSpecial(separator)) {
        throw new IllegalArgumentException(
            "separator must be a special character allowed before @, other than '.', but was '"
                + separator
                + "'");
      }
      return separator;
    }

    /** Tags start at {@code separator} for every domain not set otherwise. */
    public Builder tagSeparator(char separator) {
      this.tagSeparator = Optional.of(separator(separator));
      return this;
    }

    /** Tags are kept (addresses differing in a tag are different people) unless set per domain. */
    public Builder keepTags() {
      this.tagSeparator = Optional.empty();
      return this;
    }

    /** Tags at {@code domain} start at {@code separator}, e.g. {@code '-'} for yahoo.com. */
    public Builder tagSeparator(String domain, char separator) {
      domainTagSeparators.put(domain(domain, "domain"), Optional.of(separator(separator)));
      return this;
    }

    /** Tags at {@code domain} are kept. */
    public Builder keepTags(String domain) {
      domainTagSeparators.put(domain(domain, "domain"), Optional.empty());
      return this;
    }

    /** Dots before the {@code @} do not matter at {@code domain}. */
    public Builder ignoreDots(String domain) {
      dotBlindDomains.add(domain(domain, "domain"));
      return this;
    }

    /** Dots before the {@code @} matter at {@code domain} (undoes a default). */
    public Builder keepDots(String domain) {
      dotBlindDomains.remove(domain(domain, "domain"));
      return this;
    }

    /** Mail to {@code alias} reaches the same mailboxes as mail to {@code domain}. */
    public Builder alias(String alias, String domain) {
      Objects.requireNonNull(alias, "alias");
      Objects.requireNonNull(domain, "domain");
      String from = domain(alias, "alias");
      String to = domain(domain, "domain");
      if (from.equals(to)) {
        throw new IllegalArgumentException("alias must differ from domain but both were " + from);
      }
      domainAliases.put(from, to);
      return this;
    }

    /**
     * The rules.
     *
     * @throws IllegalStateException if an alias points to a domain that is itself an alias
     */
    public EmailAliasRules build() {
      for (Map.Entry<String, String> e : domainAliases.entrySet()) {
        if (domainAliases.containsKey(e.getValue())) {
          throw new IllegalStateException(
              "alias "
                  + e.getKey()
                  + " points to "
                  + e.getValue()
                  + ", which is itself an alias of "
                  + domainAliases.get(e.getValue())
                  + "; point it to the final domain");
        }
      }
      return new EmailAliasRules(this);
    }
  }
}

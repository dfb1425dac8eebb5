package dev.referral.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.EmailAliasRules;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 8: alias folding is idempotent, and blind to case, dots and tags at gmail. */
class EmailAliasProperties {
  private final EmailAliasRules rules = EmailAliasRules.defaults();

  /** A gmail mailbox and a variant of it: mixed case, dots anywhere inside, maybe a tag. */
  record Variant(String mailbox, String variant) {}

  @Provide
  Arbitrary<Variant> gmailVariants() {
    Arbitrary<String> mailbox =
        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20);
    Arbitrary<Long> seed = Arbitraries.longs();
    Arbitrary<String> tag =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('-', '_', '+')
            .ofMaxLength(12)
            .injectNull(0.3);
    Arbitrary<String> domain = Arbitraries.of("gmail.com", "googlemail.com");
    return Combinators.combine(mailbox, seed, tag, domain)
        .as(
            (box, s, t, d) -> {
              java.util.Random random = new java.util.Random(s);
              StringBuilder local = new StringBuilder();
              for (int i = 0; i < box.length(); i++) {
                if (i > 0 && random.nextInt(3) == 0) {
                  local.append('.');
                }
                char c = box.charAt(i);
                local.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
              }
              if (t != null) {
                local.append('+').append(t);
              }
              String host = random.nextBoolean() ? d.toUpperCase(Locale.ROOT) : d;
              return new Variant(box + "@gmail.com", local + "@" + host);
            });
  }

  @Property
  void givenAGmailVariant_whenFolded_thenItIsTheMailbox(@ForAll("gmailVariants") Variant v) {
    assertEquals(v.mailbox(), rules.normalize(v.variant()), v.variant());
  }

  @Provide
  Arbitrary<String> emails() {
    Arbitrary<String> local =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .numeric()
            .withChars('.', '+', '-', '_', '=')
            .ofMinLength(1)
            .ofMaxLength(30);
    Arbitrary<String> domain =
        Arbitraries.of("gmail.com", "GoogleMail.com", "example.org", "yahoo.com", "mail.example");
    return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
  }

  @Property
  void givenAnyValidAddress_whenFoldedTwice_thenTheSecondFoldChangesNothing(
      @ForAll("emails") String email) {
    String once;
    try {
      once = rules.normalize(email);
    } catch (IllegalArgumentException invalid) {
      Assume.that(false);
      return;
    }
    assertEquals(once, rules.normalize(once), email);
    assertEquals(once, rules.normalize(email.toUpperCase(Locale.ROOT)), email);
  }
}

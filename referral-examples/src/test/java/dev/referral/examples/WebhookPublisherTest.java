package dev.referral.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.net.httpserver.HttpServer;
import dev.referral.core.Enrolment;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.Subscription;
import dev.referral.core.event.ReferralEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookPublisherTest {
  private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  private HttpServer server;

  @BeforeEach
  void startWebhook() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hooks/referrals",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopWebhook() {
    server.stop(0);
  }

  @Test
  void givenAPublishingHost_whenReferralsHappen_thenTheWebhookReceivesEveryEventAsJson()
      throws Exception {
    // given
    ReferralProgram program = ReferralProgram.builder().build();
    List<ReferralEvent> published = new CopyOnWriteArrayList<>();
    program.onEvent(published::add);
    URI webhook =
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/referrals");

    // when
    Subscription subscription =
        WebhookPublisher.publish(program, HttpClient.newHttpClient(), webhook);
    Referrer anna = program.enrol(Enrolment.customer("Anna").email("anna@example.com").build());
    program.refer(anna.primaryCode().value(), Prospect.withEmail("Ben", "ben@example.com"));
    subscription.close();

    // then
    assertFalse(published.isEmpty());
    List<ReferralEvent> received = new ArrayList<>();
    for (int i = 0; i < published.size(); i++) {
      String body = bodies.poll(30, TimeUnit.SECONDS);
      assertNotNull(body, "webhook call " + (i + 1) + " of " + published.size());
      received.add(WebhookPublisher.receive(body));
    }
    assertEquals(Set.copyOf(published), new HashSet<>(received));
  }
}

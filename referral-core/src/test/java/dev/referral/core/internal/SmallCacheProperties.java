package dev.referral.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link SmallCache} answers like a hash map after any puts, whichever key came first. */
class SmallCacheProperties {

  @Property(tries = 300)
  void givenAnyPuts_whenEveryKeyIsRead_thenTheCacheAnswersLikeAHashMap(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 6) Integer> keys) {
    SmallCache<String, Integer> cache = new SmallCache<>();
    Map<String, Integer> model = new HashMap<>();
    int n = 0;
    for (int key : keys) {
      String k = new String("k" + key); // equal keys, not the same instances
      cache.put(k, n);
      model.put(k, n);
      n++;
      for (int read = 0; read <= 6; read++) {
        String r = "k" + read;
        assertEquals(model.get(r), cache.get(r), "key " + r);
      }
    }
  }
}

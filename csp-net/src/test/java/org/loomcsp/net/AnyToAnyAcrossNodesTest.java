package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;

class AnyToAnyAcrossNodesTest {
    private final InProcessNodes nodes = new InProcessNodes();

    @AfterEach
    void close() {
        nodes.close();
    }

    record Item(int writer, int n) implements java.io.Serializable {}

    @Test
    void everyValueFromSeveralRemoteWritersReachesExactlyOneReaderOnSomeNode() throws Exception {
        CspNode home = nodes.start();
        CspNode b = nodes.start();
        CspNode c = nodes.start();
        Codec<Item> codec = Codec.java(Item.class);
        Channel<Item> ch = home.host("items", codec);
        int perWriter = 300;
        int writers = 5;
        int total = perWriter * writers;
        Map<Item, Integer> seen = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(total);

        List<CSPProcess> procs = new ArrayList<>();
        // writers: two on b, two on c (each its own end), one local at home
        List<NetChannelOutput<Item>> outs = List.of(b.output(home.uri("items"), codec),
                b.output(home.uri("items"), codec), c.output(home.uri("items"), codec),
                c.output(home.uri("items"), codec));
        for (int w = 0; w < 4; w++) {
            NetChannelOutput<Item> out = outs.get(w);
            int id = w;
            procs.add(new CSPProcess(() -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        out.write(new Item(id, i));
                    }
                } catch (ChannelPoison ignored) {
                    // the test is over
                }
            }));
        }
        procs.add(new CSPProcess(() -> {
            for (int i = 0; i < perWriter; i++) {
                ch.write(new Item(4, i));
            }
        }));
        // readers: one remote end on b, two on c (sharing one end and having their own), one local
        ChannelInput<Item> inB = b.input(home.uri("items"), codec);
        ChannelInput<Item> inC = c.input(home.uri("items"), codec);
        ChannelInput<Item> inC2 = c.input(home.uri("items"), codec);
        for (ChannelInput<Item> in : List.of(inB, inC, inC, inC2, ch.reader())) {
            procs.add(new CSPProcess(() -> {
                while (true) {
                    Item it = in.read();
                    if (seen.merge(it, 1, Integer::sum) > 1) {
                        duplicates.incrementAndGet();
                    }
                    all.countDown();
                }
            }));
        }
        procs.forEach(CSPProcess::start);
        assertThat(all.await(60, TimeUnit.SECONDS)).as("all values read").isTrue();
        ch.poison();
        for (CSPProcess p : procs) {
            p.join();
        }
        assertThat(duplicates.get()).isZero();
        assertThat(seen).hasSize(total);
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < perWriter; i++) {
                assertThat(seen).containsKey(new Item(w, i));
            }
        }
    }
}

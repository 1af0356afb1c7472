package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loomcsp.Alt;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.Guard;
import org.loomcsp.Timer;

class RemoteInputInAltTest {
    private final InProcessNodes nodes = new InProcessNodes();

    @AfterEach
    void close() {
        nodes.close();
    }

    private static Thread writeAll(org.loomcsp.ChannelOutput<String> out, String prefix, int n) {
        return Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    out.write(prefix + i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void anAltOverARemoteAndALocalChannelTakesEveryValueOfBoth() throws Exception {
        CspNode home = nodes.start();
        CspNode here = nodes.start();
        Channel<String> remoteHome = home.host("r", Codec.utf8());
        ChannelInput<String> remote = here.input(home.uri("r"), Codec.utf8());
        Channel<String> local = new Channel<>();
        int n = 100;
        writeAll(remoteHome, "r", n);
        writeAll(local, "l", n);
        Set<String> got = new HashSet<>();
        Set<Guard> picked = new HashSet<>();
        Alt alt = new Alt(remote, local);
        for (int i = 0; i < 2 * n; i++) {
            assertThat(got.add((String) alt.select())).isTrue();
            picked.add(alt.lastSelected());
        }
        assertThat(got).hasSize(2 * n);
        assertThat(picked).containsExactlyInAnyOrder(remote, local);
    }

    @Test
    void aTimerInTheSameAltFiresWhileTheRemoteChannelIsQuiet() throws Exception {
        CspNode home = nodes.start();
        CspNode here = nodes.start();
        Channel<String> remoteHome = home.host("r", Codec.utf8());
        ChannelInput<String> remote = here.input(home.uri("r"), Codec.utf8());
        Timer timer = new Timer();
        timer.setAlarm(Duration.ofMillis(50));
        Alt alt = new Alt(remote, timer);
        assertThat(alt.priSelect()).isNull();
        assertThat(alt.lastSelected()).isSameAs(timer);
        // and a value that comes later is still taken by the Alt, not lost
        writeAll(remoteHome, "v", 1);
        timer.setAlarm(Duration.ofHours(1));
        assertThat(alt.priSelect()).isEqualTo("v0");
        assertThat(alt.lastSelected()).isSameAs(remote);
    }

    @Test
    void aValueHeldForAnEndThatClosesInOrderGoesBackIntoTheChannel() throws Exception {
        CspNode home = nodes.start();
        CspNode here = nodes.start();
        Channel<String> ch = home.host("r", Codec.utf8());
        ChannelInput<String> remote = here.input(home.uri("r"), Codec.utf8());
        // the end's agent at home takes the value (so the home writer returns) ...
        ch.write("held");
        // ... but nobody at `here` read it: closing the end in order puts it back
        assertThat(here.close(remote)).isTrue();
        assertThat(ch.read()).isEqualTo("held");
    }
}

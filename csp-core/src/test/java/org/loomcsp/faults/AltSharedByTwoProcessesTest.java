package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.awaitility.Awaitility;
import org.loomcsp.Alt;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ProcessFailedException;
import org.loomcsp.testing.BackendTest;

/** One Alt used by two processes at once is detected, not silently wrong (issue 13, item 6). */
class AltSharedByTwoProcessesTest {

    /**
     * While one process waits in a selection, a second selection on the same Alt throws
     * IllegalStateException naming both processes; the first selection is unaffected.
     */
    @BackendTest
    void secondConcurrentSelectionThrowsNamingBothProcesses(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>("c");
        Alt alt = new Alt(c);
        Object[] got = new Object[1];
        CSPProcess first = new CSPProcess("first-selector", () -> got[0] = alt.select()).start();
        Awaitility.await().until(() -> first.thread() != null
                && first.thread().getState() == Thread.State.WAITING);
        CSPProcess second = new CSPProcess("second-selector", () -> alt.select());
        assertThatThrownBy(second::run).isInstanceOf(ProcessFailedException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("second-selector").hasMessageContaining("first-selector");
        c.write(7);
        first.join();
        assertThat(got[0]).isEqualTo(7);
    }

    /** Using one Alt from two processes one after the other is fine. */
    @BackendTest
    void sequentialUseByTwoProcessesIsAllowed(Backend backend) throws Exception {
        Channel<Integer> c = Channel.buffered(2);
        c.write(1);
        c.write(2);
        Alt alt = new Alt(c);
        Object[] got = new Object[2];
        new CSPProcess(() -> got[0] = alt.select()).run();
        new CSPProcess(() -> got[1] = alt.select()).run();
        assertThat(got).containsExactly(1, 2);
    }
}

package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.loomcsp.testing.BackendTest;

/**
 * The runtime's own threads (the keeper, the deadlock watcher, the scheduler's carriers and
 * monitor) live in the JVM's top thread group, whichever thread made them. A host that waits for
 * "the threads of this group" must not wait for them: JShell's local execution joins every thread
 * of a snippet's group, and a keeper made by a snippet's first {@code start()} hung JShell.
 */
class RuntimeThreadsTest {

    @BackendTest
    void runtimeThreadsBelongToTheTopThreadGroupNotToTheThreadThatStartedAProcess(Backend backend)
            throws Exception {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        ThreadGroup hostGroup = new ThreadGroup("a host's group");
        Channel<Integer> c = new Channel<>("c");
        AtomicReference<CSPProcess> started = new AtomicReference<>();
        Thread host = new Thread(hostGroup,
                () -> started.set(new CSPProcess(() -> c.read(), c).start()), "host");
        host.start();
        host.join();
        try {
            Awaitility.await().until(() -> started.get().thread() != null);
            List<Thread> runtime = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("loomcsp-")).toList();
            assertThat(runtime).extracting(Thread::getName).contains("loomcsp-keepalive");
            ThreadGroup expected = top;
            assertThat(runtime).allSatisfy(t ->
                    assertThat(t.getThreadGroup()).as(t.getName()).isSameAs(expected));
            Thread[] inHost = new Thread[hostGroup.activeCount() + 8];
            int n = hostGroup.enumerate(inHost);
            assertThat(Arrays.asList(inHost).subList(0, n))
                    .noneMatch(t -> t.getName().startsWith("loomcsp-"));
        } finally {
            c.write(1);
            started.get().join();
        }
    }
}

package org.loomcsp.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.loomcsp.internal.exec.KeepAlive;

/**
 * Every Java code block of the tutorial ({@code docs/tutorial/*.md}) compiles, and every one that
 * is not marked {@code fragment} runs and prints exactly the output the page shows.
 *
 * <p>The conventions (documented for authors in {@code docs/tutorial/index.md}):
 * <ul>
 *   <li>A fenced block opened with {@code ```java} is compiled and run; {@code ```java fragment}
 *       is only compiled.
 *   <li>A block with a top-level type declaration is a complete compilation unit and is compiled
 *       as it stands. Otherwise it is wrapped in a class with the tutorial's standard imports
 *       ({@link Snippet#STANDARD_IMPORTS}): a block that declares members (a line at the left
 *       margin starting with {@code static}, {@code record}, ... or a {@code main} method) is
 *       taken as class members, any other block as the statements of {@code main}.
 *   <li>If the next non-blank line after a block starts with {@code Output} and is followed by a
 *       {@code ```text} block, the program's standard output must equal that block, or, when the
 *       {@code Output} line says "any order", contain the same lines in any order.
 *   <li>A block must not leave processes running: after {@code main} returns, every process it
 *       started must end within {@link #DRAIN_SECONDS} seconds.
 * </ul>
 */
class TutorialPagesTest {

    /** How long one block may take to compile and run. */
    static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(30);

    /** How long a block's processes may go on after its main returned. */
    static final int DRAIN_SECONDS = 10;

    /** Interrupts a block that runs too long; a daemon, so invisible to deadlock detection. */
    private static final ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tutorial-watchdog");
                t.setDaemon(true);
                return t;
            });

    private static final Path PAGES = Path.of("..", "docs", "tutorial");

    /** One dynamic test per Java block, grouped by page. */
    @TestFactory
    Stream<DynamicNode> everyJavaBlockCompilesRunsAndPrintsWhatThePageShows() throws IOException {
        List<Path> pages = tutorialPages();
        SnippetCompiler compiler = new SnippetCompiler();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path page : pages) {
            List<Snippet> snippets = Snippet.parse(page);
            List<DynamicTest> tests = new ArrayList<>();
            for (Snippet s : snippets) {
                tests.add(DynamicTest.dynamicTest(s.displayName(), page.toUri(),
                        () -> checkWithinTimeout(compiler, s)));
            }
            nodes.add(DynamicContainer.dynamicContainer(page.getFileName().toString(),
                    page.toUri(), tests.stream()));
        }
        return nodes.stream();
    }

    /** The tutorial has its index and ten parts, and every part has Java blocks and exercises. */
    @Test
    void everyPartExistsWithJavaBlocksAndExercises() throws IOException {
        List<Path> pages = tutorialPages();
        assertThat(pages).anyMatch(p -> p.getFileName().toString().equals("index.md"));
        for (int i = 1; i <= 10; i++) {
            String prefix = String.format("part%02d-", i);
            Path part = pages.stream()
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("missing tutorial page " + prefix + "*.md"));
            assertThat(Files.readString(part)).as(part + " has exercises").contains("## Exercises");
            assertThat(Snippet.parse(part)).as(part + " has Java blocks").isNotEmpty();
        }
    }

    private static List<Path> tutorialPages() throws IOException {
        assertThat(PAGES).as("tutorial directory (run from the csp-core module directory)")
                .isDirectory();
        try (Stream<Path> s = Files.list(PAGES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    /*
     * Dynamic tests are not covered by the global JUnit timeout, so each block is bounded here.
     * Not with assertTimeoutPreemptively: that runs the block on another thread while the JUnit
     * thread, a non-daemon platform thread, waits for it, and the deadlock detector rightly
     * counts such a thread as one that may still act, so a block that shows DeadlockException
     * (part 9) would hang instead. The block runs on the JUnit thread; a daemon watchdog
     * interrupts it if it takes too long, which ends a join, read or write that hangs.
     */
    private static void checkWithinTimeout(SnippetCompiler compiler, Snippet s) throws Throwable {
        Thread runner = Thread.currentThread();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            runner.interrupt();
        }, BLOCK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            check(compiler, s);
        } catch (Throwable t) {
            if (timedOut.get()) {
                throw new AssertionError(s.displayName() + " did not finish in " + BLOCK_TIMEOUT
                        + " (a deadlock, or a process that never ends?)", t);
            }
            throw t;
        } finally {
            alarm.cancel(false);
            if (timedOut.get()) {
                Thread.interrupted(); // do not leak the watchdog's interrupt into the next block
            }
        }
        if (timedOut.get()) {
            throw new AssertionError(s.displayName() + " did not finish in " + BLOCK_TIMEOUT);
        }
    }

    private static void check(SnippetCompiler compiler, Snippet s) throws Throwable {
        ClassLoader loader = compiler.compile(s);
        if (s.fragment()) {
            return;
        }
        Class<?> main = findMain(loader, s);
        Method m = main.getMethod("main", String[].class);
        String out = runCapturingStdout(s, m);
        if (s.expectedOutput() != null) {
            compareOutput(s, out);
        }
    }

    private static Class<?> findMain(ClassLoader loader, Snippet s) throws ClassNotFoundException {
        for (String name : s.typeNames()) {
            Class<?> c = loader.loadClass(name);
            try {
                Method m = c.getMethod("main", String[].class);
                if (Modifier.isStatic(m.getModifiers())) {
                    return c;
                }
            } catch (NoSuchMethodException e) {
                // try the next type
            }
        }
        throw new AssertionError(s.displayName() + ": no type with public static void main(String[])"
                + " (mark the block 'java fragment' if it is not meant to run); types: "
                + s.typeNames());
    }

    /*
     * Processes a block started may still be running when main returns (hello().start() as the
     * last line of main, as in python-csp). The JVM would wait for them, so the harness does too,
     * with stdout still captured: their output is part of the program's.
     */
    private static String runCapturingStdout(Snippet s, Method main) throws Throwable {
        long before = KeepAlive.liveProcesses();
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            main.invoke(null, (Object) new String[0]);
            waitForProcessesToEnd(s, before);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            capture.flush();
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void waitForProcessesToEnd(Snippet s, long before) {
        Awaitility.await(s.displayName() + " left processes running after main returned")
                .atMost(Duration.ofSeconds(DRAIN_SECONDS))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> KeepAlive.liveProcesses() <= before);
    }

    private static void compareOutput(Snippet s, String actual) {
        List<String> got = lines(actual);
        List<String> want = lines(s.expectedOutput());
        if (s.anyOrder()) {
            assertThat(got).as(s.displayName() + " output (any order)")
                    .containsExactlyInAnyOrderElementsOf(want);
        } else {
            assertThat(String.join("\n", got)).as(s.displayName() + " output")
                    .isEqualTo(String.join("\n", want));
        }
    }

    private static List<String> lines(String text) {
        List<String> ls = new ArrayList<>(text.replace("\r\n", "\n").lines()
                .map(String::stripTrailing).toList());
        while (!ls.isEmpty() && ls.get(ls.size() - 1).isEmpty()) {
            ls.remove(ls.size() - 1);
        }
        return ls;
    }
}

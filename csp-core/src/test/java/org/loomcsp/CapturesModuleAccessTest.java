package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures on the module path (ADR 0087): a lambda of a named module whose package is not open
 * to loomcsp cannot be read, and a WARNING names the opens line to add; an open package can.
 */
class CapturesModuleAccessTest {

    @TempDir
    Path dir;

    /** Compiles module {@code name} whose class {@code name.Make} returns a capturing lambda. */
    private Runnable capturingLambdaFrom(String name, boolean open, Object captured)
            throws Exception {
        Path src = dir.resolve(name + "-src");
        Files.createDirectories(src.resolve(name));
        Files.writeString(src.resolve("module-info.java"), (open ? "open " : "") + "module " + name
                + " { exports " + name + "; }");
        Files.writeString(src.resolve(name).resolve("Make.java"), "package " + name + ";"
                + " public class Make { public static Runnable capturing(Object o) {"
                + " return () -> o.hashCode(); } }");
        Path out = dir.resolve(name);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", out.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve(name).resolve("Make.java").toString());
        assertThat(rc).isZero();
        ModuleLayer parent = ModuleLayer.boot();
        Configuration cf = parent.configuration().resolve(ModuleFinder.of(out), ModuleFinder.of(),
                Set.of(name));
        ModuleLayer layer = parent.defineModulesWithOneLoader(cf, getClass().getClassLoader());
        Class<?> make = layer.findLoader(name).loadClass(name + ".Make");
        return (Runnable) make.getMethod("capturing", Object.class).invoke(null, captured);
    }

    @Test
    void closedPackageIsSkippedWithOneWarningNamingTheOpensLine() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == Level.WARNING) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger jul = Logger.getLogger("org.loomcsp");
        jul.addHandler(h);
        try {
            Channel<Integer> c = new Channel<>("inClosedModule");
            Runnable lambda = capturingLambdaFrom("closedcapt", false, c);
            assertThat(Captures.of(lambda, null, true)).isEmpty();
            assertThat(Captures.of(lambda, null, true)).isEmpty();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getMessage())
                    .contains("opens closedcapt to org.loomcsp;");
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void openPackageIsRead() throws Exception {
        Channel<Integer> c = new Channel<>("inOpenModule");
        Runnable lambda = capturingLambdaFrom("opencapt", true, c);
        assertThat(Captures.of(lambda, null, true)).containsExactly(c);
    }
}

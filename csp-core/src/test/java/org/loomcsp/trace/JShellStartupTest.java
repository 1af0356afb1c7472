package org.loomcsp.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.ByteArrayInputStream;
import java.util.ServiceLoader;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JShellStartupTest {

    @TempDir
    Path dir;

    /**
     * jshell started with --startup DEFAULT --startup loomcsp.jsh (as bin/loomcsp-shell does)
     * compiles the imports and runs a process and a channel with no qualification.
     */
    @Test
    void startupScriptImportsTheApi() throws Exception {
        Path startup = Path.of("src/main/jshell/loomcsp.jsh");
        assertThat(startup).exists();
        Path script = dir.resolve("check.jsh");
        Path result = dir.resolve("result.txt");
        String target = result.toString().replace("\\", "\\\\");
        Files.writeString(script, String.join("\n",
                "var c = new Channel<Integer>(\"c\");",
                "var w = process(() -> c.write(41), c).start();",
                "String got = \"got \" + (c.read() + 1);",
                "w.join();",
                "boolean traced; try (Tracer t = Tracer.startInMemory()) { traced ="
                        + " Tracer.isActive(); }",
                "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + target + "\"),"
                        + " got + \" tracer \" + traced);",
                "/exit", ""));
        // javax.tools.Tool (module java.compiler) by reflection: the test is compiled inside
        // the org.loomcsp module, which does not read java.compiler; it runs on the class path.
        Class<?> toolType = Class.forName("javax.tools.Tool");
        Method name = toolType.getMethod("name");
        Method run = toolType.getMethod("run", InputStream.class, OutputStream.class,
                OutputStream.class, String[].class);
        Object jshell = null;
        for (Object t : ServiceLoader.load(toolType)) {
            if ("jshell".equals(name.invoke(t))) {
                jshell = t;
            }
        }
        assertThat(jshell).as("the jshell tool of this JDK").isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = (int) run.invoke(jshell, new ByteArrayInputStream(new byte[0]), o, e,
                    new String[] {"--execution", "local",
                        "--class-path", System.getProperty("java.class.path"),
                        "--startup", "DEFAULT", "--startup", startup.toString(),
                        script.toString()});
        }
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(all).doesNotContain("Error:");
        assertThat(Files.readString(result)).isEqualTo("got 42 tracer true");
        assertThat(rc).isZero();
    }
}

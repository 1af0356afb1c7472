package org.loomcsp.tutorial;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.loomcsp.Channel;

/**
 * Compiles tutorial snippets in-process with {@code javax.tools.JavaCompiler}, on the test
 * classpath, into memory, and loads them in a fresh class loader per snippet.
 */
final class SnippetCompiler {

    private final JavaCompiler javac;
    private final StandardJavaFileManager files;
    private final List<String> options;

    SnippetCompiler() {
        javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
        }
        files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        options = List.of("--release", "21", "-classpath", classpath(),
                "-Xlint:all,-serial,-processing,-try", "-Werror", "-proc:none");
    }

    /*
     * The classpath: where the library and the test classes were loaded from, plus whatever the
     * JVM was started with (under surefire that may be a manifest-only jar, which javac follows).
     */
    private static String classpath() {
        Set<String> cp = new LinkedHashSet<>();
        cp.add(location(Channel.class));
        cp.add(location(SnippetCompiler.class));
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(e);
            }
        }
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null) {
            for (String e : surefire.split(File.pathSeparator)) {
                if (!e.isBlank()) {
                    cp.add(e);
                }
            }
        }
        return String.join(File.pathSeparator, cp);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles the snippet; returns a class loader with its classes.
     *
     * @throws AssertionError with the diagnostics and the numbered source if it does not compile
     */
    ClassLoader compile(Snippet s) {
        String source = s.source();
        Map<String, byte[]> classes = new ConcurrentHashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject unit = new Source(s.fileClassName(), source);
        var manager = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className,
                    JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
                        + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                classes.put(className, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        boolean ok = javac.getTask(null, manager, diagnostics, options, null, List.of(unit)).call();
        if (!ok) {
            throw new AssertionError(s.displayName() + " does not compile:\n"
                    + describe(diagnostics.getDiagnostics()) + "\n" + numbered(source));
        }
        return new ClassLoader(SnippetCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }

    private static String describe(List<Diagnostic<? extends JavaFileObject>> ds) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : ds) {
            out.add(d.getKind() + " at line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
        }
        return String.join("\n", out);
    }

    private static String numbered(String source) {
        StringBuilder b = new StringBuilder();
        int n = 1;
        for (String l : source.split("\n", -1)) {
            b.append(String.format("%4d  %s%n", n++, l));
        }
        return b.toString();
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}

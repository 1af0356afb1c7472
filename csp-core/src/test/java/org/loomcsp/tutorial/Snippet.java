package org.loomcsp.tutorial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java code block of a tutorial page, with the output the page shows for it.
 *
 * @param page the page's file name
 * @param index the 1-based number of the block among the page's Java blocks
 * @param line the 1-based line of the opening fence
 * @param code the block's text
 * @param fragment whether the block is only compiled ({@code ```java fragment})
 * @param expectedOutput the {@code ```text} block after an "Output" line, or {@code null}
 * @param anyOrder whether the "Output" line says the lines come in any order
 */
record Snippet(String page, int index, int line, String code, boolean fragment,
        String expectedOutput, boolean anyOrder) {

    /** The imports a block that is not a complete compilation unit gets. */
    static final String STANDARD_IMPORTS = """
            import org.loomcsp.*;
            import static org.loomcsp.Csp.*;
            import static org.loomcsp.Unchecked.*;
            import java.time.Duration;
            import java.util.ArrayList;
            import java.util.Arrays;
            import java.util.Iterator;
            import java.util.List;
            import java.util.Map;
            import java.util.stream.IntStream;
            import java.util.stream.Stream;
            """;

    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:(?:public|final|abstract|sealed|non-sealed)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;",
            Pattern.MULTILINE);

    /** The Java blocks of {@code page}, in order. */
    static List<Snippet> parse(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        String name = page.getFileName().toString();
        List<Snippet> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i).strip();
            if (l.startsWith("```java")) {
                String info = l.substring(3).strip();
                boolean fragment = info.matches("java\\s+fragment.*");
                int start = i;
                StringBuilder code = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).strip().equals("```")) {
                    code.append(lines.get(i)).append('\n');
                    i++;
                }
                i++; // closing fence
                String expected = null;
                boolean anyOrder = false;
                int j = skipBlank(lines, i);
                if (j < lines.size() && lines.get(j).strip().startsWith("Output")) {
                    String outLine = lines.get(j);
                    int k = skipBlank(lines, j + 1);
                    if (k < lines.size() && lines.get(k).strip().equals("```text")) {
                        StringBuilder text = new StringBuilder();
                        k++;
                        while (k < lines.size() && !lines.get(k).strip().equals("```")) {
                            text.append(lines.get(k)).append('\n');
                            k++;
                        }
                        expected = text.toString();
                        anyOrder = outLine.toLowerCase().contains("any order");
                        i = k + 1;
                    }
                }
                out.add(new Snippet(name, out.size() + 1, start + 1, code.toString(), fragment,
                        expected, anyOrder));
            } else {
                i++;
            }
        }
        return out;
    }

    private static int skipBlank(List<String> lines, int i) {
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    /** The test's display name: page, block number and line. */
    String displayName() {
        return page + " block " + index + " (line " + line + (fragment ? ", fragment" : "") + ")";
    }

    private static final Pattern COMPILATION_UNIT = Pattern.compile(
            "^(?:import\\s|package\\s|public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s)",
            Pattern.MULTILINE);

    /**
     * Whether the block is a complete compilation unit: it has imports (or a package) or a
     * public top-level type. Otherwise a type declared at column 0 is a member of the wrapper.
     */
    boolean isCompilationUnit() {
        return COMPILATION_UNIT.matcher(code).find();
    }

    /** The class a wrapped block is put in. */
    String wrapperName() {
        return page.replaceAll("\\.md$", "").replaceAll("[^A-Za-z0-9]", "_") + "_block" + index;
    }

    /** Whether the builtin processes are on the class path (then wrapped blocks import them). */
    static final boolean HAVE_BUILTINS =
            Snippet.class.getClassLoader().getResource("org/loomcsp/builtins") != null;

    /** The source to compile. */
    String source() {
        if (isCompilationUnit()) {
            return code;
        }
        StringBuilder s = new StringBuilder(STANDARD_IMPORTS);
        if (HAVE_BUILTINS) {
            s.append("import org.loomcsp.builtins.*;\n");
        }
        s.append("public class ").append(wrapperName()).append(" {\n");
        if (MEMBERS.matcher(code).find()) {
            s.append(code);
        } else {
            s.append("public static void main(String[] args) throws Exception {\n")
                    .append(code)
                    .append("}\n");
        }
        s.append("}\n");
        return s.toString();
    }

    private static final Pattern MEMBERS = Pattern.compile(
            "^(?:static|private|protected|public|final|record|enum|interface|class)\\b|void main\\(",
            Pattern.MULTILINE);

    /** The fully qualified names of the top-level types the source declares, in order. */
    List<String> typeNames() {
        if (!isCompilationUnit()) {
            return List.of(wrapperName());
        }
        Matcher p = PACKAGE.matcher(code);
        String prefix = p.find() ? p.group(1) + "." : "";
        List<String> names = new ArrayList<>();
        Matcher m = TOP_LEVEL_TYPE.matcher(code);
        while (m.find()) {
            names.add(prefix + m.group(1));
        }
        return names;
    }

    /** The file name the compiler sees (the first public type, or the wrapper). */
    String fileClassName() {
        if (!isCompilationUnit()) {
            return wrapperName();
        }
        Matcher m = Pattern.compile("^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
                Pattern.MULTILINE).matcher(code);
        return m.find() ? m.group(1) : typeNames().get(0).replaceAll(".*\\.", "");
    }
}

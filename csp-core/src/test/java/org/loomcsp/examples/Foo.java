package org.loomcsp.examples;

import java.io.PrintStream;
import org.loomcsp.CSPProcess;

/**
 * Tutorial part 1: a process made from a function and its argument. python-csp:
 *
 * <pre>
 * def foo(n):
 *     print n
 * p = CSPProcess(foo, 100)
 * p.start()
 * </pre>
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=Foo}. Prints {@code 100}.
 */
public final class Foo {

    private Foo() {}

    /** The function: prints {@code n} to {@code out}. */
    static void foo(PrintStream out, int n) {
        out.println(n);
    }

    /** {@code CSPProcess(foo, 100)}, printing to {@code out}. */
    static CSPProcess process(PrintStream out) {
        return new CSPProcess(Foo::foo, out, 100);
    }

    public static void main(String[] args) throws InterruptedException {
        CSPProcess p = process(System.out);
        p.start();
        p.join();
    }
}

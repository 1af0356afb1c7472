package org.loomcsp.examples;

import static org.loomcsp.Csp.process;

import org.loomcsp.CSPProcess;

/**
 * Tutorial part 1: the first process. python-csp:
 *
 * <pre>
 * &#64;process
 * def hello():
 *     print 'hello from python-csp'
 * hello().start()
 * </pre>
 */
public final class Hello {

    private Hello() {}

    /** A new, unstarted process each call: the {@code @process} decorator. */
    static CSPProcess hello() {
        return process(() -> System.out.println("hello from loomcsp"));
    }

    public static void main(String[] args) {
        // The last line of main: the JVM still waits for the process, as python-csp's did.
        hello().start();
    }
}

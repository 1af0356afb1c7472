package org.loomcsp.failures;

import org.loomcsp.CSPProcess;
import org.loomcsp.ProcessFailedException;

/**
 * A program for {@code UnobservedFailureAtTheEndTest}, run in a JVM of its own. {@code unjoined}:
 * main starts a process that fails and returns without joining it (the failure must be logged
 * once, at the end). {@code joined-later}: main waits until the process has failed, then joins
 * it and handles the failure (nothing may be logged).
 */
public final class UnjoinedFailure {

    public static void main(String[] args) throws InterruptedException {
        boolean joinLater = args.length > 0 && args[0].equals("joined-later");
        CSPProcess p = new CSPProcess(() -> {
            throw new IllegalStateException("the failure of " + (joinLater ? "late" : "lonely"));
        }).name(joinLater ? "late" : "lonely").start();
        if (joinLater) {
            while (p.isAlive()) {
                Thread.onSpinWait();   // a program doing other work; the failure comes first
            }
            try {
                p.join();
            } catch (ProcessFailedException e) {
                System.out.println("handled: " + e.getCause().getMessage());
            }
        }
    }
}

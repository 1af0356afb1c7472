package org.loomcsp.internal.sched;

import org.loomcsp.CSPProcess;
import org.loomcsp.Csp;

/** Child-JVM program for {@link SchedulerChoiceTest}: runs two processes, prints the scheduler. */
public final class PrintScheduler {
    private PrintScheduler() {}

    public static void main(String[] args) throws Exception {
        new CSPProcess(() -> { }).run();
        new CSPProcess(() -> { }).run();
        System.out.println("scheduler=" + Csp.scheduler());
    }
}

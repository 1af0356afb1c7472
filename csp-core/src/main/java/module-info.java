/**
 * loomcsp: Communicating Sequential Processes for Java 21+, on virtual threads.
 *
 * <p>Only the API packages are exported; everything under {@code org.loomcsp.internal} is
 * machinery that may change without notice.
 */
module org.loomcsp {
    requires jdk.jfr;
    requires java.management; // the scheduler's monitor reads carriers' CPU time

    exports org.loomcsp;
    exports org.loomcsp.builtins;
    exports org.loomcsp.builtins.dsp;
    exports org.loomcsp.patterns;
    exports org.loomcsp.trace;
    // csp-net makes its agents' virtual threads on the scheduler that runs the processes they
    // hand values to (internal.sched.VirtualThreads.newThread); nothing else of it is exported
    exports org.loomcsp.internal.sched to org.loomcsp.net;
    // csp-net's home answers a remote write or read without holding a thread for it
    // (internal.channel.PendingWrite, PendingRead)
    exports org.loomcsp.internal.channel to org.loomcsp.net;
}

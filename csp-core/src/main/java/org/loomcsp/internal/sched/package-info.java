/**
 * loomcsp's scheduler for virtual-thread processes (CarrierPool, Carrier, RunQueue, Sysmon,
 * chosen by VirtualThreads) and the yield-point policy of server processes (StepScheduler).
 *
 * <p>Not exported: may change without notice.
 */
package org.loomcsp.internal.sched;

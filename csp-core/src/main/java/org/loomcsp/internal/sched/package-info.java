/**
 * The yield-point policy of server processes (StepScheduler).
 *
 * <p>Not exported: may change without notice.
 */
package org.loomcsp.internal.sched;

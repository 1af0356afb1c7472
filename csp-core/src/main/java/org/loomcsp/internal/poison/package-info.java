/**
 * Poison propagation: finding the channels a process was given.
 *
 * <p>Not exported: may change without notice.
 */
package org.loomcsp.internal.poison;

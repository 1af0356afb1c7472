/**
 * How processes get threads (Launcher, one per backend) and keep the JVM alive (KeepAlive).
 *
 * <p>Not exported: may change without notice.
 */
package org.loomcsp.internal.exec;

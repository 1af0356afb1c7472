/**
 * Tracing and pictures: the {@link org.loomcsp.trace.Tracer} records the CSP trace of a run
 * (which process did which event on which channel, in order, with timestamps) to a file and/or
 * memory; a {@link org.loomcsp.trace.TraceModel} turns a trace into a Graphviz DOT picture of the
 * network or a CSPm skeleton for the FDR model checker; {@link org.loomcsp.trace.Graphviz}
 * renders DOT through the {@code dot} program when it is installed. See {@code docs/tracing.md}.
 */
package org.loomcsp.trace;

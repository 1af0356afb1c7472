/**
 * Signal-processing processes: python-csp's {@code csp.dsp}, with its bugs fixed.
 *
 * <p>As every builtin, each is a {@link org.loomcsp.CSPServer} made unstarted with {@code new
 * Name(...)}, runs until poisoned and passes poison on. Unlike python-csp's {@code dsp.py} the
 * channel arguments come inputs first, outputs last, as in the rest of the library: python-csp's
 * {@code Zip(outchan, inchannels)} is {@link org.loomcsp.builtins.dsp.Zip#Zip(java.util.List,
 * org.loomcsp.ChannelOutput) Zip(ins, out)} and {@code Threshold(thresh, inchan, outchan)} is
 * {@link org.loomcsp.builtins.dsp.Threshold Threshold(in, out, thresh)}. Fixed bugs: {@link
 * org.loomcsp.builtins.dsp.Unzip} works (python-csp's raised {@code TypeError}); {@link
 * org.loomcsp.builtins.dsp.Normalise} subtracts {@code start}; {@link
 * org.loomcsp.builtins.dsp.Difference} drops the {@code window} argument that python-csp ignored.
 * Vectors are {@code List}s.
 */
package org.loomcsp.builtins.dsp;

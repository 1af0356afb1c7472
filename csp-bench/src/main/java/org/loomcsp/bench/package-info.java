/** JMH benchmarks and benchmark programs for loomcsp. */
package org.loomcsp.bench;

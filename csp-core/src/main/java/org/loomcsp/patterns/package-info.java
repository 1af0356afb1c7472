/**
 * Process network patterns: python-csp's {@code csp.patterns} ({@link
 * org.loomcsp.patterns.TokenRing}).
 */
package org.loomcsp.patterns;

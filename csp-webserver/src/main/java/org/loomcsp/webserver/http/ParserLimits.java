package org.loomcsp.webserver.http;

/**
 * Size limits applied while reading a request head.
 *
 * @param maxRequestLine  longest request line in bytes, CRLF included; longer gives 414
 * @param maxHeaderBytes  largest header section in bytes (all field lines); larger gives 431
 * @param maxHeaderCount  most field lines; more gives 431
 */
public record ParserLimits(int maxRequestLine, int maxHeaderBytes, int maxHeaderCount) {
    public ParserLimits {
        if (maxRequestLine < 16 || maxHeaderBytes < 16 || maxHeaderCount < 1) {
            throw new IllegalArgumentException("limits too small");
        }
    }

    /** The read buffer a connection needs so that one whole line always fits. */
    public int bufferSize() {
        return Math.max(Math.max(maxRequestLine, maxHeaderBytes) + 2, 8192);
    }
}

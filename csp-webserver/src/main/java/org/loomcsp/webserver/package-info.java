/** An HTTP/1.1 file server in which every connection is a CSP process. */
package org.loomcsp.webserver;

package org.loomcsp.webserver.http;

import java.io.IOException;

/**
 * The seam between a connection and the server's semantics: turns one {@link Exchange} into one
 * {@link Response}.
 *
 * <p>Modelled on the JDK's {@code HttpHandler} and Helidon's routing: a connection process knows
 * only this interface; what answers (status page, read side, write side) is composed in front of
 * it by {@link #orElse}. A handler returns {@code null} to say "not mine", which lets the next
 * handler of a chain answer; the last handler of a chain must answer every request.
 *
 * <p>Contract: called by one connection process at a time per exchange, but one instance serves
 * all connections concurrently, so implementations are stateless or thread-safe. Blocking file
 * and socket I/O is expected (a connection process is a virtual or platform thread). An
 * {@link HttpException} is answered with its status; any other exception is a server fault
 * (500) reported once, without the request's data. The handler must not write to the connection
 * itself: the connection process writes the returned response.
 */
@FunctionalInterface
public interface Handler {
    /**
     * @return the response, or {@code null} when this handler does not serve the request
     */
    Response handle(Exchange exchange) throws IOException, HttpException;

    /** A handler that asks this one first and {@code next} when this one returns {@code null}. */
    default Handler orElse(Handler next) {
        return ex -> {
            Response r = handle(ex);
            return r != null ? r : next.handle(ex);
        };
    }
}

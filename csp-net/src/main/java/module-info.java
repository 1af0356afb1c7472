/**
 * csp-net: loomcsp channels between JVMs and machines, over gRPC.
 *
 * <p>Only {@code org.loomcsp.net} (the API) and {@code org.loomcsp.net.proto} (the generated wire
 * messages, for clients in other languages and for protobuf-valued channels) are exported; the
 * machinery in {@code org.loomcsp.net.internal} may change without notice.
 */
module org.loomcsp.net {
    requires transitive org.loomcsp;
    requires transitive com.google.protobuf;
    requires io.grpc;
    requires io.grpc.stub;
    requires io.grpc.protobuf;
    requires io.grpc.inprocess;
    requires io.grpc.netty.shaded;

    exports org.loomcsp.net;
    exports org.loomcsp.net.proto;
}

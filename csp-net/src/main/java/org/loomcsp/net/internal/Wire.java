package org.loomcsp.net.internal;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;

/**
 * The gRPC service of {@code loomcsp/net/v1/channel.proto}, described by hand: one
 * bidirectional-streaming method. (Hand-written so that the build needs only {@code protoc} for
 * the messages, not the gRPC code generator; the wire format is the same as generated stubs'.)
 */
public final class Wire {
    public static final String SERVICE = "loomcsp.net.v1.ChannelService";

    public static final MethodDescriptor<EndFrame, HomeFrame> CONNECT =
            MethodDescriptor.<EndFrame, HomeFrame>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Connect"))
                    .setRequestMarshaller(ProtoUtils.marshaller(EndFrame.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(HomeFrame.getDefaultInstance()))
                    .build();

    private Wire() {}

    /** The service definition, with {@code connect} handling each new stream. */
    public static ServerServiceDefinition service(
            Function<StreamObserver<HomeFrame>, StreamObserver<EndFrame>> connect) {
        return ServerServiceDefinition.builder(ServiceDescriptor.newBuilder(SERVICE)
                        .addMethod(CONNECT).build())
                .addMethod(CONNECT, ServerCalls.asyncBidiStreamingCall(connect::apply))
                .build();
    }
}

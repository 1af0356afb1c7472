// A Go program that writes to a loomcsp channel, speaking csp-net's wire protocol
// (loomcsp/net/v1/channel.proto) with the stubs protoc generates from it. Used by
// GoClientTest; run by hand as: goclient <host:port> <channel> <count>
//
// It is a WRITER end: Open, then one Send at a time, each answered by Taken (a reader at the
// channel's home took the value) before the next, as the protocol requires.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	cspnet "loomcsp.org/net/v1"

	"google.golang.org/grpc"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: goclient host:port channel count")
		os.Exit(2)
	}
	count, err := strconv.Atoi(os.Args[3])
	if err != nil {
		fail("count: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn, err := grpc.DialContext(ctx, os.Args[1], grpc.WithInsecure(), grpc.WithBlock())
	if err != nil {
		fail("dial: %v", err)
	}
	defer conn.Close()
	stream, err := cspnet.NewChannelServiceClient(conn).Connect(ctx)
	if err != nil {
		fail("connect: %v", err)
	}
	open := &cspnet.EndFrame{Kind: &cspnet.EndFrame_Open{Open: &cspnet.Open{
		Channel: os.Args[2], Role: cspnet.Role_WRITER, Codec: "utf8", Node: "go-client"}}}
	if err := stream.Send(open); err != nil {
		fail("open: %v", err)
	}
	for i := 0; i < count; i++ {
		seq := uint64(i + 1)
		send := &cspnet.EndFrame{Kind: &cspnet.EndFrame_Send{Send: &cspnet.Send{
			Seq: seq, Payload: []byte(fmt.Sprintf("from go %d", i))}}}
		if err := stream.Send(send); err != nil {
			fail("send %d: %v", seq, err)
		}
		for {
			f, err := stream.Recv()
			if err != nil {
				fail("recv: %v", err)
			}
			if t := f.GetTaken(); t != nil && t.Seq == seq {
				break
			}
			if p := f.GetPoison(); p != nil {
				fmt.Println("POISONED", p.Reason)
				os.Exit(0)
			}
			if r := f.GetRejected(); r != nil {
				fail("rejected: %s", r.Reason)
			}
			// Opened, Ping: keep waiting
		}
	}
	if err := stream.CloseSend(); err != nil {
		fail("close: %v", err)
	}
	fmt.Println("SENT", count)
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "goclient: "+format+"\n", args...)
	os.Exit(1)
}

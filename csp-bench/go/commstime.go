// Commstime in Go, the same program as loomcsp's (csp-bench Topologies.commstime, sequential
// Delta): Prefix(c -> a, 0), Delta(a -> b, d) writing b then d, Succ(b -> c), Consumer(d), all on
// unbuffered channels. Prints one line per run: "go commstime GOMAXPROCS=<p> loops=<n> ns/loop=<x>"
// and a final line with the median. Run by csp-bench/run.sh when `go` is present
// (GOMAXPROCS=1 and GOMAXPROCS=2), so the report shows Go's figure from the same session.
// The three ring processes of each run stay blocked afterwards (as loomcsp's are until poisoned);
// a few idle goroutines do not affect the next run.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sort"
	"time"
)

func run(loops int) float64 {
	a, b, c, d := make(chan int), make(chan int), make(chan int), make(chan int)
	go func() { // Prefix
		a <- 0
		for {
			a <- <-c
		}
	}()
	go func() { // Delta, sequential
		for {
			x := <-a
			b <- x
			d <- x
		}
	}()
	go func() { // Succ
		for {
			c <- (<-b) + 1
		}
	}()
	<-d // warm-up read, untimed
	t0 := time.Now()
	for i := 0; i < loops; i++ {
		<-d
	}
	el := time.Since(t0)
	return float64(el.Nanoseconds()) / float64(loops)
}

func main() {
	loops := flag.Int("loops", 200000, "timed loops per run")
	runs := flag.Int("runs", 7, "runs (the median is reported)")
	flag.Parse()
	p := runtime.GOMAXPROCS(0)
	run(*loops) // warm-up run
	var xs []float64
	for r := 0; r < *runs; r++ {
		x := run(*loops)
		xs = append(xs, x)
		fmt.Printf("go commstime GOMAXPROCS=%d loops=%d ns/loop=%.1f\n", p, *loops, x)
	}
	sort.Float64s(xs)
	fmt.Printf("go commstime GOMAXPROCS=%d median ns/loop=%.1f (%s)\n", p, xs[len(xs)/2], runtime.Version())
}

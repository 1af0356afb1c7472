// python-csp's CSPProcess(foo, 100), in loomcsp:
new CSPProcess((Integer n) -> System.out.println(n), 100).start();

# The toy server from the python-csp tutorial, part 1, that loomcsp-webserver makes real.
@process
def server(host, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(5)
    while True:
        conn_sock, conn_addr = sock.accept()
        request = conn_sock.recv(4096).strip()
        if request.startswith('GET'):
            handler_ok(request, conn_sock).start()
        else:
            handler_not_found(request, conn_sock).start()

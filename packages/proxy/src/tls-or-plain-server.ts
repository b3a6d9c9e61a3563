import { once } from "node:events";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { SecureContext } from "node:tls";

/**
 * Plain HTTP and TLS on one address: the proxy's own (`--address`, serving the certificates of
 * Ingresses and RouteGroups) and each `--listener` binding (its Gateway listeners'). Whether an
 * address serves TLS is a matter of the table in service, which changes after the address is
 * bound, so each connection says for itself: a first byte of 22 is a TLS handshake record
 * (no HTTP method starts so), handed to the HTTPS server, anything else to the HTTP one. Past
 * that byte a connection costs what it would on either server alone, and while the table has
 * no certificates for the address, no byte is read at all. A handshake gets the certificate its
 * SNI selects in the table in service: a new table's certificates serve the next handshakes,
 * and connections open before keep theirs.
 */

/** The certificates an address serves in the table in service: one object per table, so that what is derived from it is kept as long. */
export interface ServedCertificates {
  /** Whether a handshake may succeed at all; when not, connections are plain HTTP, unread. */
  readonly any: boolean;
  /** The certificates for a handshake with this SNI; undefined to refuse it. */
  secureContext(serverName: string): SecureContext | undefined;
  /** The certificates of a handshake without SNI (PEM); undefined to refuse it. */
  defaultCertificate(): readonly { readonly cert: string; readonly key: string }[] | undefined;
}

/** Gives a server the proxy's handlers, for requests over TLS or not. */
export type Serve = <S extends HttpServer>(server: S, tls: boolean) => S;

/** The first byte of a TLS record that carries a handshake (RFC 8446 §5.1, ContentType 22). */
const tlsHandshake = 0x16;

/** How long a connection may stay silent before its first byte: the HTTP server's headersTimeout. */
const firstByteTimeoutMs = 60_000;

/** Idle keep-alive connections close after this, as on the proxy's own listener. */
const keepAliveTimeout = 60_000;

export class TlsOrPlainServer {
  private readonly server: Server;
  private readonly plain: HttpServer;
  private readonly secure: HttpsServer;
  /** The certificate text a handshake without SNI gets, as last set on `secure`. */
  private defaultCertificate: string | undefined;
  private defaultFor: ServedCertificates | undefined;

  constructor(
    private readonly certificates: () => ServedCertificates,
    serve: Serve,
  ) {
    this.plain = serve(createHttpServer({ keepAliveTimeout }), false);
    this.secure = serve(createHttpsServer({ keepAliveTimeout, SNICallback: (serverName, done) => this.chooseCertificate(serverName, done) }), true);
    // As http.Server opens its own: half-closed connections are HTTP's to handle, no Nagle delay.
    this.server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => this.sort(socket));
  }

  async listen(host: string, port: number): Promise<AddressInfo> {
    this.server.listen(port, host);
    await once(this.server, "listening");
    // The inner servers never listen themselves: this starts their books of connections, which
    // closeIdleConnections and the request and headers timeouts work from.
    this.plain.emit("listening");
    this.secure.emit("listening");
    return this.server.address() as AddressInfo;
  }

  address(): AddressInfo | null {
    return this.server.address() as AddressInfo | null;
  }

  /** Stops accepting; resolves once every connection has ended. */
  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const server of [this.plain, this.secure]) server.close();
    return closed;
  }

  closeIdleConnections(): void {
    this.plain.closeIdleConnections();
    this.secure.closeIdleConnections();
  }

  closeAllConnections(): void {
    this.plain.closeAllConnections();
    this.secure.closeAllConnections();
  }

  private sort(socket: Socket): void {
    if (!this.certificates().any) return void this.plain.emit("connection", socket);
    socket.on("error", destroy);
    socket.setTimeout(firstByteTimeoutMs, destroy);
    socket.once("readable", () => {
      const first = socket.read(1) as Buffer | null;
      socket.off("error", destroy);
      socket.setTimeout(0);
      socket.off("timeout", destroy);
      // Closed before a byte came.
      if (first === null) return void socket.destroy();
      socket.unshift(first);
      if (first[0] !== tlsHandshake) return void this.plain.emit("connection", socket);
      // TLS has no half-closed connections.
      socket.allowHalfOpen = false;
      this.serveDefaultCertificate();
      this.secure.emit("connection", socket);
    });
  }

  private chooseCertificate(serverName: string, done: (error: Error | null, context?: SecureContext) => void): void {
    const context = this.certificates().secureContext(serverName);
    if (context === undefined) done(new Error(`no certificate here for the server name ${serverName}`));
    else done(null, context);
  }

  /**
   * Node's SNICallback is not called for a handshake without SNI: that gets the server's own
   * context, set here to the certificates' default, or to none, so that the handshake fails.
   */
  private serveDefaultCertificate(): void {
    const certificates = this.certificates();
    if (certificates === this.defaultFor) return;
    this.defaultFor = certificates;
    const tls = certificates.defaultCertificate();
    const text = tls && JSON.stringify(tls);
    if (text === this.defaultCertificate) return;
    this.defaultCertificate = text;
    this.secure.setSecureContext(tls ? { cert: tls.map(({ cert }) => cert), key: tls.map(({ key }) => key) } : {});
  }
}

function destroy(this: Socket): void {
  this.destroy();
}

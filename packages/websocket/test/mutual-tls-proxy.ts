import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:tls';
import type { TLSSocket } from 'node:tls';

import type { KeyPair } from './tls-material';

/** A TLS front door that only lets clients with a certificate in. */
export interface MutualTlsProxy {
  readonly port: number;
  /** Common names of the client certificates that got through, oldest first. */
  readonly clients: readonly string[];
  close(): Promise<void>;
}

/**
 * Terminates TLS on a loopback port, demands a client certificate signed by `ca`, and forwards the
 * plain bytes to `targetPort`. It puts mutual TLS in front of an emulator that serves plain HTTP.
 */
export async function startMutualTlsProxy(options: {
  server: KeyPair;
  ca: string;
  targetPort: number;
}): Promise<MutualTlsProxy> {
  const clients: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };

  const server = createServer({
    key: options.server.key,
    cert: options.server.cert,
    ca: options.ca,
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on('connection', track);
  server.on('tlsClientError', () => undefined);
  server.on('secureConnection', (front: TLSSocket) => {
    const subject = front.getPeerCertificate().subject as { CN?: string } | undefined;
    clients.push(subject?.CN ?? '');

    const back = connect(options.targetPort, '127.0.0.1');
    track(back);
    front.pipe(back).pipe(front);
    front.on('close', () => back.destroy());
    back.on('close', () => front.destroy());
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    clients,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

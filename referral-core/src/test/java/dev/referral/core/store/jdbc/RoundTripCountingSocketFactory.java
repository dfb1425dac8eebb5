package dev.referral.core.store.jdbc;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * Sockets for the PostgreSQL driver ({@code socketFactory} connection property) that count round
 * trips: a read that follows a write is one, however many messages went and came back. Counts over
 * all sockets of this JVM made by this factory: use it for one connection at a time.
 */
public final class RoundTripCountingSocketFactory extends SocketFactory {

  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

  /** A factory; the driver makes one per connection. */
  public RoundTripCountingSocketFactory() {}

  /** The round trips so far. */
  static int roundTrips() {
    return ROUND_TRIPS.get();
  }

  @Override
  public Socket createSocket() {
    return new CountingSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new IOException("unconnected sockets only");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    throw new IOException("unconnected sockets only");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    throw new IOException("unconnected sockets only");
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
      throws IOException {
    throw new IOException("unconnected sockets only");
  }

  private static final class CountingSocket extends Socket {
    /** Whether something was written since the last read. */
    private volatile boolean wrote;

    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          answer();
          return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          answer();
          return super.read(b, off, len);
        }
      };
    }

    private void answer() {
      if (wrote) {
        wrote = false;
        ROUND_TRIPS.incrementAndGet();
      }
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return new FilterOutputStream(super.getOutputStream()) {
        @Override
        public void write(int b) throws IOException {
          wrote = true;
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          wrote = true;
          out.write(b, off, len);
        }
      };
    }
  }
}

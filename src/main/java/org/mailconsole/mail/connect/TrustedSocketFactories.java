package org.mailconsole.mail.connect;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS socket factories that trust the JDK's CAs plus certificates an admin added for a private
 * server. Host name checking stays on (mail.*.ssl.checkserveridentity); there is no trust-all.
 */
public final class TrustedSocketFactories {
    private TrustedSocketFactories() {
    }

    public static SSLSocketFactory with(List<X509Certificate> extra) {
        return with(extra, new ServerCertificateRecorder());
    }

    /**
     * As {@link #with(List)}, and tells {@code recorder} the certificate each server presents and
     * whether it was trusted, so that a failure can name the certificate's subject.
     */
    public static SSLSocketFactory with(List<X509Certificate> extra, ServerCertificateRecorder recorder) {
        try {
            X509TrustManager jdk = trustManager(null);
            KeyStore added = KeyStore.getInstance(KeyStore.getDefaultType());
            added.load(null, null);
            for (int i = 0; i < extra.size(); i++) {
                added.setCertificateEntry("added-" + i, extra.get(i));
            }
            X509TrustManager admin = extra.isEmpty() ? jdk : trustManager(added);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(jdk, admin, recorder)}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a TLS context with the added certificates", e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    /** Trusts a chain that either the JDK's CAs or the admin's certificates validate. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second,
                                      ServerCertificateRecorder recorder) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            if (chain != null && chain.length > 0) {
                recorder.presented(chain[0]);
            }
            try {
                first.checkServerTrusted(chain, authType);
            } catch (java.security.cert.CertificateException notByCas) {
                second.checkServerTrusted(chain, authType);
            }
            recorder.trusted();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}

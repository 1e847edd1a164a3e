package org.mailconsole.model;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads PEM text ("-----BEGIN CERTIFICATE-----" blocks) that an admin pasted or uploaded. */
public final class Certificates {
    private Certificates() {
    }

    /** The certificates in the PEM text; empty for blank text. */
    public static List<X509Certificate> parsePem(String pem) throws CertificateException {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new CertificateException("no -----BEGIN CERTIFICATE----- block");
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : factory.generateCertificates(
                new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return List.copyOf(certificates);
    }

    /** Null when the PEM text is blank or holds certificates, else a message. */
    public static String check(String pem) {
        try {
            parsePem(pem);
            return null;
        } catch (CertificateException | RuntimeException e) {
            return "is not a PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)";
        }
    }
}

package org.mailconsole.model;

/** How an account logs in: not at all, with a password, or with an OAuth 2.0 access token (XOAUTH2). */
public enum Authentication {
    NONE, PASSWORD, OAUTH2
}

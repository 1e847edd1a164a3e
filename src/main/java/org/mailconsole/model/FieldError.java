package org.mailconsole.model;

/** A problem with one input field, with a message meant for the admin. */
public record FieldError(String field, String message) {
}

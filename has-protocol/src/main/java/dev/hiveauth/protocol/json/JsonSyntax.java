package dev.hiveauth.protocol.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON text, in words for the person who wrote it (a configuration file, a command-line
 * option), with where: "line 3, column 12: a word that is not JSON (text needs double quotes)". Jackson's own
 * messages name its internals and quote the offending token, which in a configuration file may be a secret; this
 * never quotes more than one punctuation character.
 */
public final class JsonSyntax {
    /** Jackson: "Unexpected character ('}' (code 125)): was expecting double-quote to start field name". */
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)' \\(code \\d+\\)\\)(?:: (.*))?",
            Pattern.DOTALL);

    private JsonSyntax() {
    }

    /** What is wrong with the JSON text, in words, with where it is. */
    public static String describe(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String at = where == null || where.getLineNr() < 1 ? "" : "line " + where.getLineNr() + ", column "
                + where.getColumnNr() + ": ";
        return at + what(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
    }

    private static String what(String jackson) {
        Matcher unexpected = UNEXPECTED.matcher(jackson);
        if (unexpected.matches()) {
            char found = unexpected.group(1).charAt(0);
            String shown = Character.isLetterOrDigit(found) ? "a character" : "'" + found + "'";
            String expected = unexpected.group(2) == null ? "" : expectation(unexpected.group(2));
            return "unexpected " + shown + expected;
        }
        if (jackson.startsWith("Unrecognized token")) {
            return "a word that is not JSON (text needs double quotes; only true, false and null go without)";
        }
        if (jackson.startsWith("Unexpected end-of-input")) {
            return "the text ends too early: a bracket, brace or quote is not closed";
        }
        if (jackson.startsWith("Unexpected close marker")) {
            return "a closing bracket or brace that matches nothing opened";
        }
        if (jackson.startsWith("Illegal unquoted character")) {
            return "a control character (such as a line break) inside a quoted text";
        }
        if (jackson.startsWith("Duplicate field")) {
            return "a field appears twice in one object";
        }
        return "not valid JSON";
    }

    private static String expectation(String jackson) {
        if (jackson.contains("double-quote to start field name")) {
            return " where a field name in double quotes should be (a comma too many, or single quotes?)";
        }
        if (jackson.contains("comma to separate")) {
            return " where a comma should be";
        }
        if (jackson.contains("expected a valid value")) {
            return " where a value should be (a comma too many?)";
        }
        return "";
    }
}

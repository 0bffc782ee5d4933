package dev.rcguard.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users of the standalone simulator, read from a JSON file ({@code --users FILE}; simulator/README.md, "A users
 * file"). It is read strictly: a field it does not know, a value of the wrong kind, a name, token or id pair used
 * twice, a permission both granted and denied is an {@link IllegalArgumentException} whose message names the file,
 * the line and the field, never a stack trace:
 *
 * <pre>
 * users.json:9: users[1].denied[0]: "Read Messages" is not a permission id (letters, digits and _, at most 100)
 * users.json:4:18: malformed JSON: expected ',' or '}'
 * </pre>
 *
 * <pre>{@code
 * {"users": [
 *   {"name": "alice", "token": "alice-token",
 *    "granted": [{"id": "ReadCallLog", "scopes": ["AllExtensions"]}]},
 *   {"name": "bob", "token": "bob-token", "denied": ["ReadMessages"], "expiredTokens": ["bob-old-token"],
 *    "features": [{"id": "SMSSending", "available": false, "reason": {"code": "ServicePlanLimitation"}}]}
 * ]}
 * }</pre>
 */
final class UsersFile {
    /** A user's name: its login, and its part of the control endpoint's paths. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    /** A permission, feature or reason-code id. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,100}");

    static final String NAME_RULE = "letters, digits and . _ @ -, at most 64";
    static final String ID_RULE = "letters, digits and _, at most 100";

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,256}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final List<String> SCOPES = List.of(
            "Account", "AllExtensions", "Federation", "NonUserExtensions", "RoleBased", "Self", "UserExtensions");
    private static final int MAX_BYTES = 1 << 20;

    private static final List<String> ROOT_FIELDS = List.of("users");
    private static final List<String> USER_FIELDS = List.of(
            "name", "token", "accountId", "extensionId", "fixtures", "granted", "denied", "features", "expiredTokens");
    private static final List<String> GRANT_FIELDS = List.of("id", "scopes");
    private static final List<String> FEATURE_FIELDS = List.of("id", "available", "reason");
    private static final List<String> REASON_FIELDS = List.of("code", "message", "permission");

    /** The message of an unavailable feature whose reason gives none (also {@code --unavailable}'s). */
    static String defaultMessage(String code) {
        return "Unavailable in the simulator (" + code + ")";
    }

    /**
     * A permission the file grants: with {@code scopes}, exactly that grant; without (the id alone), the fixtures'
     * grant of that id is kept if there is one, else it is granted with scope {@code Self}.
     */
    record Grant(String id, List<String> scopes) {}

    /** One user of the file, validated; ids already defaulted. */
    record User(
            String name,
            String token,
            String accountId,
            String extensionId,
            boolean bundledFixtures,
            List<Grant> granted,
            List<String> denied,
            List<Feature> features,
            List<String> expiredTokens) {

        /** Sets {@code user} up as this entry says: ids, login, token, fixtures, grants, denials, features. */
        void applyTo(SimulatedUser user) {
            user.accountId(accountId).extensionId(extensionId).login(name).token(token);
            if (bundledFixtures) {
                user.fromBundledFixtures();
            }
            for (Grant grant : granted) {
                if (grant.scopes() != null) {
                    user.grant(Permission.of(
                            grant.id(),
                            Permission.DEFAULT_ROLE_ID,
                            grant.scopes().toArray(String[]::new)));
                } else if (user.permission(grant.id()).isEmpty()) {
                    user.grant(grant.id());
                }
            }
            denied.forEach(user::revoke);
            features.forEach(user::feature);
            expiredTokens.forEach(expired -> user.token(expired).expireToken(expired));
        }
    }

    /** A value of the document, with its path (for messages) and its line. */
    private record Node(Object value, String path, int line) {}

    private final String source;
    private final Json.Lines lines = new Json.Lines();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> idPairs = new HashMap<>();

    private UsersFile(String source) {
        this.source = source;
    }

    /** Reads and validates {@code file}: strict UTF-8 JSON, at most 1 MiB. */
    static List<User> read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(source + ": a users file is at most 1 MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Users file not found: " + source);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read users file " + source + ": " + e.getMessage());
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return parse(text, source);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + ": not UTF-8 text");
        }
    }

    /** Validates the text of a users file; {@code source} names it in messages. */
    static List<User> parse(String text, String source) {
        UsersFile reader = new UsersFile(source);
        Object document;
        try {
            document = Json.parse(text, reader.lines);
        } catch (Json.Malformed e) {
            throw new IllegalArgumentException(
                    source + ":" + e.line() + ":" + e.column() + ": malformed JSON: " + e.problem());
        }
        return reader.users(new Node(document, "the file", 1));
    }

    private List<User> users(Node root) {
        object(root, ROOT_FIELDS, "an object {\"users\": [...]}");
        Node users = required(root, "users");
        List<Node> entries = array(users);
        if (entries.isEmpty()) {
            throw error(users, "names no user; give at least one {\"name\": ..., \"token\": ...}");
        }
        List<User> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            result.add(user(entries.get(i), i));
        }
        return List.copyOf(result);
    }

    private User user(Node node, int index) {
        object(node, USER_FIELDS, "an object {\"name\": ..., \"token\": ...}");
        Node nameNode = required(node, "name");
        String name = matching(nameNode, NAME, "a user name (" + NAME_RULE + ")");
        String namedBefore = names.putIfAbsent(name, nameNode.path());
        if (namedBefore != null) {
            throw error(nameNode, quoted(name) + " is the name of " + owner(namedBefore) + " already");
        }
        String token = token(required(node, "token"));
        String accountId = optional(node, "accountId")
                .map(n -> matching(n, DIGITS, "an id of digits in quotes, e.g. \"400100200300\""))
                .orElse(RingCentralSimulator.Builder.DEFAULT_ACCOUNT_ID);
        Node extensionNode = optional(node, "extensionId").orElse(null);
        String extensionId = extensionNode == null
                ? String.valueOf(RingCentralSimulator.Builder.FIRST_EXTENSION_ID + index)
                : matching(extensionNode, DIGITS, "an id of digits in quotes, e.g. \"400100200301\"");
        String sameIds = idPairs.putIfAbsent(accountId + "/" + extensionId, node.path());
        if (sameIds != null) {
            throw error(
                    extensionNode == null ? node : extensionNode,
                    "account " + accountId + ", extension " + extensionId + " is " + owner(sameIds)
                            + " already (one pair of ids is one RingCentral user); give another \"extensionId\"");
        }
        boolean bundled = optional(node, "fixtures")
                .map(n -> oneOf(n, List.of("bundled", "none")).equals("bundled"))
                .orElse(true);
        List<Grant> granted = new ArrayList<>();
        Set<String> grantedIds = new LinkedHashSet<>();
        for (Node item : optional(node, "granted").map(this::array).orElse(List.of())) {
            Grant grant = grant(item);
            if (!grantedIds.add(grant.id())) {
                throw error(item, "\"" + grant.id() + "\" is granted twice");
            }
            granted.add(grant);
        }
        List<String> denied = new ArrayList<>();
        for (Node item : optional(node, "denied").map(this::array).orElse(List.of())) {
            String id = matching(item, ID, "a permission id (" + ID_RULE + ")");
            if (grantedIds.contains(id)) {
                throw error(item, "\"" + id + "\" is both granted and denied");
            }
            if (denied.contains(id)) {
                throw error(item, "\"" + id + "\" is denied twice");
            }
            denied.add(id);
        }
        List<Feature> features = new ArrayList<>();
        Set<String> featureIds = new LinkedHashSet<>();
        for (Node item : optional(node, "features").map(this::array).orElse(List.of())) {
            Feature feature = feature(item);
            if (!featureIds.add(feature.id())) {
                throw error(item, "the feature \"" + feature.id() + "\" is listed twice");
            }
            features.add(feature);
        }
        List<String> expired = new ArrayList<>();
        for (Node item : optional(node, "expiredTokens").map(this::array).orElse(List.of())) {
            expired.add(token(item));
        }
        return new User(
                name,
                token,
                accountId,
                extensionId,
                bundled,
                List.copyOf(granted),
                List.copyOf(denied),
                List.copyOf(features),
                List.copyOf(expired));
    }

    private String token(Node node) {
        String token = matching(node, TOKEN, "a token (printable ASCII without spaces, at most 256 characters)");
        String ownedBefore = tokens.putIfAbsent(token, node.path());
        if (ownedBefore != null) {
            throw error(node, quoted(token) + " is a token of " + owner(ownedBefore) + " already");
        }
        return token;
    }

    private Grant grant(Node item) {
        if (item.value() instanceof String) {
            return new Grant(matching(item, ID, "a permission id (" + ID_RULE + ")"), null);
        }
        object(item, GRANT_FIELDS, "a permission id, or an object {\"id\": ..., \"scopes\": [...]}");
        String id = matching(required(item, "id"), ID, "a permission id (" + ID_RULE + ")");
        Node scopesNode = required(item, "scopes");
        List<Node> scopeNodes = array(scopesNode);
        if (scopeNodes.isEmpty()) {
            throw error(scopesNode, "is empty; give one or more of " + String.join(", ", SCOPES));
        }
        List<String> scopes = new ArrayList<>();
        for (Node scope : scopeNodes) {
            scopes.add(oneOf(scope, SCOPES));
        }
        return new Grant(id, List.copyOf(scopes));
    }

    private Feature feature(Node item) {
        object(item, FEATURE_FIELDS, "an object {\"id\": ..., \"available\": true|false}");
        String id = matching(required(item, "id"), ID, "a feature id (" + ID_RULE + ")");
        Node availableNode = required(item, "available");
        if (!(availableNode.value() instanceof Boolean available)) {
            throw error(availableNode, "must be true or false, found " + describe(availableNode.value()));
        }
        Node reasonNode = optional(item, "reason").orElse(null);
        if (available) {
            if (reasonNode != null) {
                throw error(reasonNode, "an available feature has no reason; drop it or set \"available\": false");
            }
            return Feature.available(id);
        }
        if (reasonNode == null) {
            throw error(item, "\"reason\" is missing: an unavailable feature needs {\"code\": ...}");
        }
        object(reasonNode, REASON_FIELDS, "an object {\"code\": ..., \"message\": ...}");
        String code = matching(required(reasonNode, "code"), ID, "a reason code (" + ID_RULE + ")");
        String message = optional(reasonNode, "message")
                .map(n -> nonBlank(n, "a message"))
                .orElse(defaultMessage(code));
        String permission = optional(reasonNode, "permission")
                .map(n -> matching(n, ID, "a permission id (" + ID_RULE + ")"))
                .orElse(null);
        return Feature.unavailable(id, new Feature.Reason(code, message, permission));
    }

    /** {@code users[0]} of {@code users[0].expiredTokens[1]}. */
    private static String owner(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private Map<?, ?> object(Node node, List<String> fields, String expected) {
        if (!(node.value() instanceof Map<?, ?> map)) {
            throw error(node, "must be " + expected + ", found " + describe(node.value()));
        }
        for (Object key : map.keySet()) {
            if (!fields.contains(key)) {
                throw error(
                        member(node, (String) key),
                        "unknown field \"" + key + "\" (known: " + String.join(", ", fields) + ")");
            }
        }
        return map;
    }

    private List<Node> array(Node node) {
        if (!(node.value() instanceof List<?> list)) {
            throw error(node, "must be an array [...], found " + describe(node.value()));
        }
        List<Node> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new Node(list.get(i), node.path() + "[" + i + "]", lines.of(list, i)));
        }
        return items;
    }

    private Node required(Node object, String field) {
        Map<?, ?> map = (Map<?, ?>) object.value();
        if (!map.containsKey(field)) {
            throw error(object, "\"" + field + "\" is missing");
        }
        return member(object, field);
    }

    private Optional<Node> optional(Node object, String field) {
        Map<?, ?> map = (Map<?, ?>) object.value();
        return map.containsKey(field) ? Optional.of(member(object, field)) : Optional.empty();
    }

    private Node member(Node object, String field) {
        String path = object.path().equals("the file") ? field : object.path() + "." + field;
        return new Node(((Map<?, ?>) object.value()).get(field), path, lines.of(object.value(), field));
    }

    private String matching(Node node, Pattern pattern, String expected) {
        if (!(node.value() instanceof String text)) {
            throw error(node, "must be " + expected + ", found " + describe(node.value()));
        }
        if (!pattern.matcher(text).matches()) {
            throw error(node, quoted(text) + " is not " + expected);
        }
        return text;
    }

    private String oneOf(Node node, List<String> choices) {
        String choice = node.value() instanceof String text && choices.contains(text) ? text : null;
        if (choice == null) {
            throw error(node, "must be one of " + String.join(", ", choices) + ", found " + describe(node.value()));
        }
        return choice;
    }

    private String nonBlank(Node node, String expected) {
        if (!(node.value() instanceof String text) || text.isBlank() || text.length() > 1000) {
            throw error(node, "must be " + expected + " (a non-blank string), found " + describe(node.value()));
        }
        return text;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String text) {
            return "the string " + quoted(text);
        } else if (value instanceof Boolean) {
            return value.toString();
        } else if (value instanceof Double) {
            return "a number";
        } else if (value instanceof List<?>) {
            return "an array";
        }
        return "an object";
    }

    private static String quoted(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return Json.write(shown);
    }

    private IllegalArgumentException error(Node node, String message) {
        return new IllegalArgumentException(source + ":" + node.line() + ": " + node.path() + ": " + message);
    }
}

package dev.rcguard.simulator.hostile;

import static dev.rcguard.simulator.hostile.KindGroup.AMBIGUOUS_JSON;
import static dev.rcguard.simulator.hostile.KindGroup.BROKEN_FRAMING;
import static dev.rcguard.simulator.hostile.KindGroup.BROKEN_HEADERS;
import static dev.rcguard.simulator.hostile.KindGroup.BROKEN_JSON_TEXT;
import static dev.rcguard.simulator.hostile.KindGroup.BROKEN_STATUS;
import static dev.rcguard.simulator.hostile.KindGroup.GENUINE_GRANT;
import static dev.rcguard.simulator.hostile.KindGroup.GENUINE_REFUSAL;
import static dev.rcguard.simulator.hostile.KindGroup.OUTLIVING;
import static dev.rcguard.simulator.hostile.KindGroup.RESOURCE;
import static dev.rcguard.simulator.hostile.KindGroup.WRONG_VALUE;
import static dev.rcguard.simulator.hostile.Kinds.DENIAL_BODY;
import static dev.rcguard.simulator.hostile.Kinds.DENIED_RECORD;
import static dev.rcguard.simulator.hostile.Kinds.GRANT_BODY;
import static dev.rcguard.simulator.hostile.Kinds.JSON;
import static dev.rcguard.simulator.hostile.Kinds.LENGTH;
import static dev.rcguard.simulator.hostile.Kinds.OK;
import static dev.rcguard.simulator.hostile.Kinds.PERM_DENIAL;
import static dev.rcguard.simulator.hostile.Kinds.PERM_GRANT;
import static dev.rcguard.simulator.hostile.Kinds.RECORD;
import static dev.rcguard.simulator.hostile.Kinds.chunkedReply;
import static dev.rcguard.simulator.hostile.Kinds.either;
import static dev.rcguard.simulator.hostile.Kinds.error;
import static dev.rcguard.simulator.hostile.Kinds.errorJson;
import static dev.rcguard.simulator.hostile.Kinds.feat;
import static dev.rcguard.simulator.hostile.Kinds.featEach;
import static dev.rcguard.simulator.hostile.Kinds.grantUnder;
import static dev.rcguard.simulator.hostile.Kinds.ok;
import static dev.rcguard.simulator.hostile.Kinds.perm;
import static dev.rcguard.simulator.hostile.Kinds.reply;
import static dev.rcguard.simulator.hostile.Label.DENIED;
import static dev.rcguard.simulator.hostile.Label.GRANT;
import static dev.rcguard.simulator.hostile.Label.REFUSED;
import static dev.rcguard.simulator.hostile.Label.UNAUTHENTICATED;
import static dev.rcguard.simulator.hostile.Label.UNAVAILABLE;
import static dev.rcguard.simulator.hostile.Trait.CLOSES;
import static dev.rcguard.simulator.hostile.Trait.DELAYED;
import static dev.rcguard.simulator.hostile.Trait.LEFTOVER_BYTES;
import static dev.rcguard.simulator.hostile.Trait.READER_LIMITS;
import static dev.rcguard.simulator.hostile.Trait.STALLS;

import dev.rcguard.simulator.Endpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue of answers the {@link HostileRingCentral} can give. A request picks one with its bearer token,
 * {@code Authorization: Bearer kind-NNN} (see {@link #token()}).
 *
 * <p>Every kind has a stable {@link #number()} (its {@link KindGroup group}'s range), a description, the bytes it
 * writes for the asked request (genuine answers echo the asked permission id or feature ids; hostile ones mutate
 * them), and a <b>label written by hand</b> from the library's definition of a genuine grant, for a permission
 * check and for a features call. The labels are the test oracle: a guard must let a request through on a kind
 * labelled {@link Label#GRANT} and on no other.
 *
 * <p>The definition the labels follow: a single final HTTP/1.1 200 (1xx interim responses before it allowed);
 * {@code Content-Type} exactly {@code application/json} (parameters allowed); no {@code Content-Encoding};
 * exactly one valid {@code Content-Length} equal to the body's bytes, or {@code Transfer-Encoding: chunked}
 * correctly chunked, not both, no other transfer coding; every header line well-formed; the body strict UTF-8 JSON,
 * one object, no duplicate member names at any level, nothing but whitespace after it; for a permission
 * {@code successful} the boolean {@code true} and {@code details.permission.id} exactly the asked id; for features,
 * for each asked id, {@code records} an array holding exactly one record with that id, whose {@code available} is
 * the boolean {@code true}.
 *
 * <p>Feature labels hold for every asked id unless {@link #featureLabel(int)} says otherwise (two kinds answer the
 * first asked id differently from the later ones). Ask distinct feature ids that are not letter-case variants or
 * prefixes of one another: the id-mutating kinds derive look-alike ids from each asked one.
 */
public enum AnswerKind {
    // ---- 100-149 genuine grants with legal variations ------------------------------------------------------

    /**
     * 100: RingCentral's own grant: 200 OK, application/json, Content-Length, the asked id echoed (successful:true with
     * details.permission.id; one available record per feature id).
     */
    CANONICAL_GRANT(
            100,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "RingCentral's own grant: 200 OK, application/json, Content-Length, the"
                    + " asked id echoed (successful:true with details.permission.id; one available record per feature id).",
            ok(PERM_GRANT, RECORD)),
    /**
     * 101: The least a grant needs: {successful:true, details:{permission:{id}}}; features {records:[{id,
     * available:true}]}.
     */
    GRANT_MINIMAL(
            101,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "The least a grant needs: {successful:true, details:{permission:"
                    + "{id}}}; features {records:[{id, available:true}]}.",
            ok("{'successful':true,'details':{'permission':{'id':'$ID'}}}", "{'id':'$ID','available':true}")),
    /** 102: Members in another order at every level (details first, uri last; id before uri). */
    GRANT_REORDERED(
            102,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Members in another order at every level (details first, uri last; id before uri).",
            ok(
                    "{'details':{'scopes':['AllExtensions'],'effectiveRole':{'id':'1','uri':'$BASE/restapi/v1.0/dictionary/"
                            + "user-role/1'},'permission':{'siteCompatible':'Independent','readOnly':false,'assignable':true,"
                            + "'id':'$ID','uri':'$PURI'}},'successful':true,'uri':'$URI'}",
                    "{'params':[{'value':'100','name':'limitMax'}],'available':true,'id':'$ID'}")),
    /**
     * 103: Unknown members at every level, including nested objects that carry their own successful:false /
     * available:false / another id (different objects, so no duplicates): only the top-level members decide.
     */
    GRANT_UNKNOWN_FIELDS(
            103,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Unknown members at every level, including nested objects"
                    + " that carry their own successful:false / available:false / another id (different objects, so no"
                    + " duplicates): only the top-level members decide.",
            either(
                    perm("{'apiVersion':2,'uri':'$URI','successful':true,'note':null,'details':{'permission':{'id':"
                            + "'$ID','labels':['a','b'],'extra':{'x':[1,2,{'y':false,'successful':false}]}},"
                            + "'effectiveRole':{'id':'1'},'scopes':['AllExtensions'],'since':'2024-01-01',"
                            + "'successful':false},'tags':[],'meta':{'successful':false,'id':'$OTHER'}}"),
                    feat(
                            "{'records':[$EACH],'navigation':{'firstPage':{'uri':'$URI'}},'paging':{'page':1},"
                                    + "'available':false}",
                            "{'id':'$ID','available':true,'since':1.5e3,'meta':{'available':false,'id':'$OTHER'}}"))),
    /** 104: JSON whitespace (space, tab, CR, LF) before, inside and after the object. */
    GRANT_WHITESPACE(
            104,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "JSON whitespace (space, tab, CR, LF) before, inside and after the object.",
            either(
                    perm("\r\n \t{ 'uri' : '$URI' ,\n\t'successful'\n:\ttrue ,\r\n 'details' : {\n  'permission' :"
                            + " { 'id' : '$ID' } ,\n  'scopes' : [ 'AllExtensions' ] }\n}\n\t \r\n"),
                    feat(" \n{ 'records' : [ $EACH ] }\r\n\t ", "{\n 'id' : '$ID' ,\n 'available' : true\n}"))),
    /** 105: Content-Type: application/json; charset=utf-8. */
    GRANT_CHARSET_UTF8(
            105,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Content-Type: application/json; charset=utf-8.",
            grantUnder(OK, "Content-Type: application/json; charset=utf-8", LENGTH)),
    /** 106: Content-Type: application/json;charset=UTF-8 (no space). */
    GRANT_CHARSET_UPPER(
            106,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Content-Type: application/json;charset=UTF-8 (no space).",
            grantUnder(OK, "Content-Type: application/json;charset=UTF-8", LENGTH)),
    /** 107: Content-Type: application/json; charset="UTF-8" (a quoted parameter value is legal). */
    GRANT_CHARSET_QUOTED(
            107,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Content-Type: application/json; charset=\"UTF-8\" (a quoted parameter value is legal).",
            grantUnder(OK, "Content-Type: application/json; charset=\"UTF-8\"", LENGTH)),
    /** 108: Transfer-Encoding: chunked, 16-byte chunks, correctly ended. */
    GRANT_CHUNKED(
            108,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Transfer-Encoding: chunked, 16-byte chunks, correctly ended.",
            chunkedReply(GRANT_BODY, 16, OK, JSON, "Transfer-Encoding: chunked")),
    /** 109: Chunked, one byte per chunk. */
    GRANT_CHUNKED_ONE_BYTE(
            109,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Chunked, one byte per chunk.",
            chunkedReply(GRANT_BODY, 1, OK, JSON, "Transfer-Encoding: chunked")),
    /** 110: Chunked, sizes in upper-case hex with leading zeros (00AB), last chunk 0000. */
    GRANT_CHUNK_SIZES_UPPER_HEX(
            110,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Chunked, sizes in upper-case hex with leading zeros (00AB), last chunk 0000.",
            Specials.chunkedUpperHex()),
    /**
     * 111: Chunked, every size line with chunk extensions (;name=value;flag;q="a b"): legal HTTP/1.1, a reader ignores
     * them.
     */
    GRANT_CHUNK_EXTENSIONS(
            111,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Chunked, every size line with chunk extensions"
                    + " (;name=value;flag;q=\"a b\"): legal HTTP/1.1, a reader ignores them.",
            Specials.chunkExtensions()),
    /** 112: Chunked, with a harmless trailer field (X-Checksum) after the last chunk. */
    GRANT_CHUNKED_TRAILER(
            112,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Chunked, with a harmless trailer field (X-Checksum) after the last chunk.",
            Specials.chunkedTrailer()),
    /** 113: An interim 100 Continue, then the grant. */
    GRANT_AFTER_100_CONTINUE(
            113,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "An interim 100 Continue, then the grant.",
            Specials.interim("HTTP/1.1 100 Continue")),
    /** 114: An interim 103 Early Hints with a Link header, then the grant. */
    GRANT_AFTER_103_EARLY_HINTS(
            114,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "An interim 103 Early Hints with a Link header, then the grant.",
            Specials.interim("HTTP/1.1 103 Early Hints\r\nLink: </restapi/v1.0>; rel=preload")),
    /** 115: Interim 100, 102 and 103 responses, then the grant. */
    GRANT_AFTER_SEVERAL_INTERIM(
            115,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Interim 100, 102 and 103 responses, then the grant.",
            Specials.interim(
                    "HTTP/1.1 100 Continue", "HTTP/1.1 102 Processing", "HTTP/1.1 103 Early Hints\r\nLink: </a>")),
    /** 116: Header names in odd case (CONTENT-TYPE, content-length, x-RaTe-LiMiT-gRoUp): names are case-insensitive. */
    GRANT_ODD_HEADER_CASE(
            116,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Header names in odd case (CONTENT-TYPE, content-length,"
                    + " x-RaTe-LiMiT-gRoUp): names are case-insensitive.",
            grantUnder(OK, "CONTENT-TYPE: application/json", "content-length: $LEN", "x-RaTe-LiMiT-gRoUp: Light")),
    /** 117: The older shape: "scope":"Self" instead of "scopes" (features: the canonical grant). */
    GRANT_SCOPE_SINGULAR(
            117,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "The older shape: \"scope\":\"Self\" instead of \"scopes\" (features: the canonical grant).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'uri':'$PURI','id':'$ID'},'effectiveRole':"
                            + "{'id':'1'},'scope':'Self'}}",
                    RECORD)),
    /** 118: No space after one colon, spaces and tabs around another header value (optional whitespace). */
    GRANT_HEADER_WHITESPACE(
            118,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "No space after one colon, spaces and tabs around another header value (optional whitespace).",
            grantUnder(OK, "Content-Type:application/json", "Content-Length: \t $LEN \t")),
    /** 119: Status line "HTTP/1.1 200 " (empty reason phrase, as the grammar allows). */
    GRANT_EMPTY_REASON(
            119,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Status line \"HTTP/1.1 200 \" (empty reason phrase, as the grammar allows).",
            grantUnder("HTTP/1.1 200 ", JSON, LENGTH)),
    /**
     * 120: Status line "HTTP/1.1 200" without reason phrase or the space before it. Labelled a grant: version and code
     * are unambiguous and clients must ignore the reason; many servers send this form.
     */
    GRANT_NO_REASON(
            120,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Status line \"HTTP/1.1 200\" without reason phrase or the"
                    + " space before it. Labelled a grant: version and code are unambiguous and clients must ignore the"
                    + " reason; many servers send this form.",
            grantUnder("HTTP/1.1 200", JSON, LENGTH)),
    /** 121: Status line "HTTP/1.1 200 Forbidden": the reason phrase means nothing, the code decides. */
    GRANT_ODD_REASON(
            121,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Status line \"HTTP/1.1 200 Forbidden\": the reason phrase means nothing, the code decides.",
            grantUnder("HTTP/1.1 200 Forbidden", JSON, LENGTH)),
    /**
     * 122: The id with its first character as a &#92;u escape (the same string once decoded) and escaped solidus in a
     * URI.
     */
    GRANT_ESCAPED_ID(
            122,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "The id with its first character as a \\u escape (the same"
                    + " string once decoded) and escaped solidus in a URI.",
            ok(
                    "{'uri':'http:\\/\\/127.0.0.1\\/check','successful':true,'details':{'permission':{'id':'$ESCID'}}}",
                    "{'id':'$ESCID','available':true}")),
    /**
     * 123: Member names written with &#92;u escapes ("succ&#92;u0065ssful", "&#92;u0069d", ...): the same names once
     * decoded, each once.
     */
    GRANT_ESCAPED_NAMES(
            123,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Member names written with \\u escapes"
                    + " (\"succ\\u0065ssful\", \"\\u0069d\", ...): the same names once decoded, each once.",
            either(
                    perm("{'\\u0075ri':'$URI','succ\\u0065ssful':true,'d\\u0065tails':{'perm\\u0069ssion':{'\\u0069d':"
                            + "'$ID'}}}"),
                    feat("{'r\\u0065cords':[$EACH]}", "{'\\u0069d':'$ID','av\\u0061ilable':true}"))),
    /**
     * 124: Unread text with 2-, 3- and 4-byte UTF-8, an escaped surrogate pair, an escaped NUL, every short escape and
     * a raw DEL: all legal.
     */
    GRANT_UNICODE_TEXT(
            124,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Unread text with 2-, 3- and 4-byte UTF-8, an escaped"
                    + " surrogate pair, an escaped NUL, every short escape and a raw DEL: all legal.",
            ok(
                    "{'uri':'$URI','successful':true,'note':'caf\u00e9 \u4e2d\u6587 \uD83D\uDE00 \\ud83d\\ude00 \\u0000"
                            + " \\\" \\\\ \\/ \\b\\f\\n\\r\\t \177','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'caf\u00e9 \uD83D\uDE00 \\ud83d\\ude00'}")),
    /** 125: Unread numbers in every legal form: -0, fractions, exponents (e, E, +, -), a 30-digit integer. */
    GRANT_NUMBERS(
            125,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Unread numbers in every legal form: -0, fractions, exponents (e, E, +, -), a 30-digit integer.",
            ok(
                    "{'uri':'$URI','successful':true,'n':[0,-0,0.5e-3,1E+2,-12.25,123456789012345678901234567890,1e-7,"
                            + "2E5],'details':$DETAILS}",
                    "{'id':'$ID','available':true,'weight':-0.0e-0}")),
    /**
     * 126: Many more headers, as a real gateway sends: Date, Server, Vary, Cache-Control, Set-Cookie, X-Rate-Limit-*,
     * RCRequestId, Connection, Keep-Alive, an empty X-Empty.
     */
    GRANT_MANY_HEADERS(
            126,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Many more headers, as a real gateway sends: Date, Server,"
                    + " Vary, Cache-Control, Set-Cookie, X-Rate-Limit-*, RCRequestId, Connection, Keep-Alive, an empty"
                    + " X-Empty.",
            grantUnder(
                    OK,
                    "Date: Mon, 01 Jan 2024 00:00:00 GMT",
                    "Server: RingCentral",
                    JSON,
                    "Vary: Accept-Encoding",
                    "Cache-Control: no-store",
                    "Set-Cookie: a=b; Path=/; HttpOnly",
                    "X-Rate-Limit-Group: light",
                    "X-Rate-Limit-Limit: 50",
                    "X-Rate-Limit-Remaining: 49",
                    "X-Rate-Limit-Window: 60",
                    "RCRequestId: 5e5b3c1a-0000-4000-8000-000000000000",
                    "Connection: keep-alive",
                    "Keep-Alive: timeout=5",
                    LENGTH,
                    "X-Empty:")),
    /**
     * 127: Features: each asked id's available record among records of other ids (one unavailable before it, one
     * available after it); permission: the canonical grant.
     */
    GRANT_AMONG_OTHER_RECORDS(
            127,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Features: each asked id's available record among"
                    + " records of other ids (one unavailable before it, one available after it); permission: the"
                    + " canonical grant.",
            either(
                    perm(PERM_GRANT),
                    featEach("{'id':'$ID-Before','available':false},$REC,{'id':'$ID-After','available':true}"))),
    /** 128: The canonical grant response in three parts, 200 ms apart. */
    GRANT_SLOW(
            128,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "The canonical grant response in three parts, 200 ms apart.",
            Specials.slowGrant(Duration.ofMillis(200)),
            DELAYED),
    /** 129: The grant with Connection: close, then the connection is closed. */
    GRANT_CONNECTION_CLOSE(
            129,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "The grant with Connection: close, then the connection is closed.",
            grantUnder(OK, JSON, LENGTH, "Connection: close").thenClose(),
            CLOSES),
    /**
     * 130: The canonical grant response written and flushed 7 bytes at a time (status line and headers split across
     * reads).
     */
    GRANT_SPLIT_WRITES(
            130,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "The canonical grant response written and flushed 7 bytes"
                    + " at a time (status line and headers split across reads).",
            Specials.splitWrites(7)),
    /** 131: Unread numbers 1e999999 and -1E-999999: valid JSON (RFC 8259 sets no range), beyond any double. */
    GRANT_HUGE_EXPONENT(
            131,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "Unread numbers 1e999999 and -1E-999999: valid JSON (RFC 8259 sets no range), beyond any double.",
            ok(
                    "{'uri':'$URI','successful':true,'big':1e999999,'small':-1E-999999,'details':$DETAILS}",
                    "{'id':'$ID','available':true,'big':1e999999}"),
            READER_LIMITS),
    /** 132: An unread integer of 100,000 digits. */
    GRANT_LONG_NUMBER(
            132,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "An unread integer of 100,000 digits.",
            Specials.withUnread("count", () -> Specials.longNumber(100_000)),
            READER_LIMITS),
    /** 133: An unread member holding 1000 nested arrays (the document is 1001 deep for permissions): valid JSON. */
    GRANT_DEEP_NESTING_1000(
            133,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "An unread member holding 1000 nested arrays (the document is 1001 deep for permissions): valid JSON.",
            Specials.withUnread("future", () -> Specials.nested(1000)),
            READER_LIMITS),
    /**
     * 134: An unread member holding 100,000 nested arrays: valid JSON, but a recursive reader may overflow its stack.
     */
    GRANT_DEEP_NESTING_100000(
            134,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "An unread member holding 100,000 nested arrays:"
                    + " valid JSON, but a recursive reader may overflow its stack.",
            Specials.withUnread("future", () -> Specials.nested(100_000)),
            READER_LIMITS),
    /** 135: A 2 MiB unread string as the first member, so the deciding members come after it. */
    GRANT_2MIB_BODY(
            135,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "A 2 MiB unread string as the first member, so the deciding members come after it.",
            reply(Specials.withLeadingUnread("padding", () -> Specials.padding(2 * 1024 * 1024)), OK, JSON, LENGTH),
            READER_LIMITS),
    /** 136: A 200 KiB X-Padding header before the grant. */
    GRANT_BIG_HEADER(
            136,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "A 200 KiB X-Padding header before the grant.",
            grantUnder(OK, JSON, "X-Padding: p".repeat(200 * 1024), LENGTH),
            READER_LIMITS),
    /** 137: An unread object with 16,384 distinct member names of equal String.hashCode (hash flooding). */
    GRANT_COLLIDING_KEYS(
            137,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            "An unread object with 16,384 distinct member names of equal String.hashCode (hash flooding).",
            Specials.withUnread("index", () -> Specials.collidingKeys(14)),
            READER_LIMITS),
    /**
     * 138: Features: the first asked id available, every later one unavailable with a reason (labels per position);
     * permission: the canonical grant.
     */
    FEATURES_FIRST_ONLY(
            138,
            GENUINE_GRANT,
            GRANT,
            GRANT,
            DENIED,
            "Features: the first asked id available, every"
                    + " later one unavailable with a reason (labels per position); permission: the canonical grant.",
            either(
                    perm(PERM_GRANT),
                    Specials.featuresByPosition(Specials.FIRST_AVAILABLE, Specials.LATER_UNAVAILABLE))),

    // ---- 150-199 genuine denials and errors ----------------------------------------------------------------

    /**
     * 150: RingCentral's denial: successful:false without details; features: available:false with reason
     * ServicePlanLimitation.
     */
    DENIED_PLAIN(
            150,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "RingCentral's denial: successful:false without details;"
                    + " features: available:false with reason ServicePlanLimitation.",
            ok(PERM_DENIAL, DENIED_RECORD)),
    /** 151: No successful member (the spec's default is false); features: no record at all ({records:[]}). */
    DENIED_SUCCESSFUL_MISSING(
            151,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "No successful member (the spec's default is false); features: no record at all ({records:[]}).",
            either(perm("{'uri':'$URI'}"), feat("{'records':[]}", null))),
    /**
     * 152: successful:false although details name the asked permission; features: InsufficientPermissions naming a
     * permission.
     */
    DENIED_WITH_DETAILS(
            152,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "successful:false although details name the asked"
                    + " permission; features: InsufficientPermissions naming a permission.",
            ok(
                    "{'uri':'$URI','successful':false,'details':$DETAILS}",
                    "{'id':'$ID','available':false,'reason':"
                            + "{'code':'InsufficientPermissions','message':'No $ID permission granted','permission':'$ID'}}")),
    /**
     * 153: Features: only records of other ids (available ones), none for the asked id; permission: successful:false
     * with empty details.
     */
    DENIED_OTHER_RECORDS_ONLY(
            153,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "Features: only records of other ids (available"
                    + " ones), none for the asked id; permission: successful:false with empty details.",
            ok("{'uri':'$URI','successful':false,'details':{}}", "{'id':'$ID-Twin','available':true}")),
    /** 154: A reason code RingCentral may add later (BrandNewLimitation): still a denial. */
    DENIED_UNKNOWN_REASON(
            154,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "A reason code RingCentral may add later (BrandNewLimitation): still a denial.",
            ok(
                    "{'uri':'$URI','successful':false,'reason':{'code':'BrandNewLimitation'}}",
                    "{'id':'$ID','available':"
                            + "false,'reason':{'code':'BrandNewLimitation','message':'A reason code added later'}}")),
    /**
     * 155: Features: the first asked id unavailable, every later one available (labels per position); permission:
     * successful:false.
     */
    FEATURES_LATER_ONLY(
            155,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            GRANT,
            "Features: the first asked id unavailable,"
                    + " every later one available (labels per position); permission: successful:false.",
            either(perm(PERM_DENIAL), Specials.featuresByPosition(DENIED_RECORD, RECORD))),
    /** 156: 401 TokenInvalid / OAU-128 "Access token expired". */
    TOKEN_EXPIRED(
            156,
            GENUINE_REFUSAL,
            UNAUTHENTICATED,
            UNAUTHENTICATED,
            "401 TokenInvalid / OAU-128 \"Access token expired\".",
            error("HTTP/1.1 401 Unauthorized", errorJson("TokenInvalid", "OAU-128", "Access token expired"))),
    /** 157: 401 AGW-402 "Invalid Authorization header". */
    TOKEN_HEADER_INVALID(
            157,
            GENUINE_REFUSAL,
            UNAUTHENTICATED,
            UNAUTHENTICATED,
            "401 AGW-402 \"Invalid Authorization header\".",
            error("HTTP/1.1 401 Unauthorized", errorJson("AGW-402", "AGW-402", "Invalid Authorization header"))),
    /** 158: 401 TokenInvalid / OAU-213 "Token not found". */
    TOKEN_NOT_FOUND(
            158,
            GENUINE_REFUSAL,
            UNAUTHENTICATED,
            UNAUTHENTICATED,
            "401 TokenInvalid / OAU-213 \"Token not found\".",
            error("HTTP/1.1 401 Unauthorized", errorJson("TokenInvalid", "OAU-213", "Token not found"))),
    /** 159: 401 TokenInvalid / OAU-149 with a WWW-Authenticate header. */
    TOKEN_INVALID_WWW_AUTHENTICATE(
            159,
            GENUINE_REFUSAL,
            UNAUTHENTICATED,
            UNAUTHENTICATED,
            "401 TokenInvalid / OAU-149 with a WWW-Authenticate header.",
            error(
                    "HTTP/1.1 401 Unauthorized",
                    errorJson("TokenInvalid", "OAU-149", "Invalid token"),
                    "WWW-Authenticate: Bearer realm=\"RingCentral\", error=\"invalid_token\"")),
    /** 160: 403 CMN-408: the user lacks a permission (permissionName set). */
    FORBIDDEN_USER_PERMISSION(
            160,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "403 CMN-408: the user lacks a permission (permissionName set).",
            error(
                    "HTTP/1.1 403 Forbidden",
                    "{'errorCode':'CMN-408','message':'In order to call this API endpoint,"
                            + " user needs to have [$ID] permission for requested resource.','errors':[{'errorCode':"
                            + "'CMN-408','message':'In order to call this API endpoint, user needs to have [$ID] permission"
                            + " for requested resource.','permissionName':'$ID'}],'permissionName':'$ID'}")),
    /** 161: 403 InsufficientPermissions / CMN-401: the app lacks a scope. */
    FORBIDDEN_APP_SCOPE(
            161,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "403 InsufficientPermissions / CMN-401: the app lacks a scope.",
            error(
                    "HTTP/1.1 403 Forbidden",
                    errorJson(
                            "InsufficientPermissions",
                            "CMN-401",
                            "In order to call this"
                                    + " API endpoint, application needs to have [ReadAccounts] permission"))),
    /** 162: 403 CMN-404 "Attempt to access another extension". */
    FORBIDDEN_OTHER_EXTENSION(
            162,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "403 CMN-404 \"Attempt to access another extension\".",
            error("HTTP/1.1 403 Forbidden", errorJson("CMN-404", "CMN-404", "Attempt to access another extension"))),
    /** 163: 400 CMN-101 "Parameter [permissionId] value is invalid." */
    BAD_PARAMETER(
            163,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "400 CMN-101 \"Parameter [permissionId] value is invalid.\"",
            error(
                    "HTTP/1.1 400 Bad Request",
                    errorJson("CMN-101", "CMN-101", "Parameter [permissionId] value is invalid."))),
    /** 164: 404 CMN-102 "Resource for parameter [extensionId] is not found". */
    NOT_FOUND(
            164,
            GENUINE_REFUSAL,
            DENIED,
            DENIED,
            "404 CMN-102 \"Resource for parameter [extensionId] is not found\".",
            error(
                    "HTTP/1.1 404 Not Found",
                    errorJson("CMN-102", "CMN-102", "Resource for parameter [extensionId] is not found"))),
    /** 165: 429 CMN-301 with Retry-After: 7 and the X-Rate-Limit-* headers. */
    RATE_LIMITED(
            165,
            GENUINE_REFUSAL,
            UNAVAILABLE,
            UNAVAILABLE,
            "429 CMN-301 with Retry-After: 7 and the X-Rate-Limit-* headers.",
            error(
                    "HTTP/1.1 429 Too Many Requests",
                    errorJson("CMN-301", "CMN-301", "Request rate exceeded"),
                    "Retry-After: 7",
                    "X-Rate-Limit-Group: light",
                    "X-Rate-Limit-Limit: 50",
                    "X-Rate-Limit-Remaining: 0",
                    "X-Rate-Limit-Window: 60")),
    /** 166: 429 CMN-301 without Retry-After (the client must then wait at least 30 s). */
    RATE_LIMITED_NO_RETRY_AFTER(
            166,
            GENUINE_REFUSAL,
            UNAVAILABLE,
            UNAVAILABLE,
            "429 CMN-301 without Retry-After (the client must then wait at least 30 s).",
            error("HTTP/1.1 429 Too Many Requests", errorJson("CMN-301", "CMN-301", "Request rate exceeded"))),
    /** 167: 429 CMN-310 "Global request rate exceeded" with Retry-After: 60. */
    RATE_LIMITED_GLOBAL(
            167,
            GENUINE_REFUSAL,
            UNAVAILABLE,
            UNAVAILABLE,
            "429 CMN-310 \"Global request rate exceeded\" with Retry-After: 60.",
            error(
                    "HTTP/1.1 429 Too Many Requests",
                    errorJson("CMN-310", "CMN-310", "Global request rate exceeded"),
                    "Retry-After: 60")),
    /** 168: 500 CMN-201 "Service Temporary Unavailable". */
    SERVER_ERROR(
            168,
            GENUINE_REFUSAL,
            UNAVAILABLE,
            UNAVAILABLE,
            "500 CMN-201 \"Service Temporary Unavailable\".",
            error(
                    "HTTP/1.1 500 Internal Server Error",
                    errorJson("CMN-201", "CMN-201", "Service Temporary Unavailable"))),
    /** 169: 502 with an HTML body. */
    BAD_GATEWAY_HTML(
            169,
            GENUINE_REFUSAL,
            UNAVAILABLE,
            UNAVAILABLE,
            "502 with an HTML body.",
            reply(
                    perm("<html><body>502 Bad Gateway</body></html>"),
                    "HTTP/1.1 502 Bad Gateway",
                    "Content-Type: text/html",
                    LENGTH)),
    /** 170: 503 CMN-201 with Retry-After: 5. */
    SERVICE_UNAVAILABLE(
            170,
            GENUINE_REFUSAL,
            UNAVAILABLE,
            UNAVAILABLE,
            "503 CMN-201 with Retry-After: 5.",
            error(
                    "HTTP/1.1 503 Service Unavailable",
                    errorJson("CMN-201", "CMN-201", "Service Temporary Unavailable"),
                    "Retry-After: 5")),
    /** 171: 504 with an empty body. */
    GATEWAY_TIMEOUT_EMPTY(
            171,
            GENUINE_REFUSAL,
            UNAVAILABLE,
            UNAVAILABLE,
            "504 with an empty body.",
            reply(perm(""), "HTTP/1.1 504 Gateway Timeout", "Content-Length: $LEN")),
    /** 172: 401 OAU-128 with Connection: close, then the connection is closed. */
    TOKEN_EXPIRED_CLOSE(
            172,
            GENUINE_REFUSAL,
            UNAUTHENTICATED,
            UNAUTHENTICATED,
            "401 OAU-128 with Connection: close, then the connection is closed.",
            error(
                            "HTTP/1.1 401 Unauthorized",
                            errorJson("TokenInvalid", "OAU-128", "Access token expired"),
                            "Connection: close")
                    .thenClose(),
            CLOSES),

    // ---- 200-249 ambiguous JSON ----------------------------------------------------------------------------

    /** 200: "successful":false,"successful":true (features: available false then true): a last-wins reader grants. */
    DUPLICATE_SUCCESSFUL_FALSE_TRUE(
            200,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"successful\":false,"
                    + "\"successful\":true (features: available false then true): a last-wins reader grants.",
            ok(
                    "{'uri':'$URI','successful':false,'successful':true,'details':$DETAILS}",
                    "{'id':'$ID','available':false,'available':true}")),
    /** 201: "successful":true,"successful":false (features: available true then false): a first-wins reader grants. */
    DUPLICATE_SUCCESSFUL_TRUE_FALSE(
            201,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"successful\":true,"
                    + "\"successful\":false (features: available true then false): a first-wins reader grants.",
            ok(
                    "{'uri':'$URI','successful':true,'successful':false,'details':$DETAILS}",
                    "{'id':'$ID','available':true,'available':false}")),
    /** 202: "permission":{"id":"Other","id":"&lt;asked&gt;"} (features: the record's id twice, the asked one last). */
    DUPLICATE_ID_OTHER_FIRST(
            202,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"permission\":{\"id\":\"Other\","
                    + "\"id\":\"<asked>\"} (features: the record's id twice, the asked one last).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$OTHER','id':'$ID'}}}",
                    "{'id':'$OTHER','id':'$ID','available':true}")),
    /** 203: "permission":{"id":"&lt;asked&gt;","id":"Other"} (features: the record's id twice, the asked one first). */
    DUPLICATE_ID_ASKED_FIRST(
            203,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"permission\":{\"id\":\"<asked>\","
                    + "\"id\":\"Other\"} (features: the record's id twice, the asked one first).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$ID','id':'$OTHER'}}}",
                    "{'id':'$ID','id':'$OTHER','available':true}")),
    /**
     * 204: Two details members, another id's first and the asked one's last; features: two records members, unavailable
     * ones first, available last.
     */
    DUPLICATE_DETAILS(
            204,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "Two details members, another id's first and"
                    + " the asked one's last; features: two records members, unavailable ones first, available last.",
            either(
                    perm("{'uri':'$URI','successful':true,'details':{'permission':{'id':'$OTHER'}},'details':"
                            + "$DETAILS}"),
                    feat("{'records':[$DENYRECS],'records':[$RECS]}", null))),
    /** 205: Two details members, the asked one's first; features: two records members, available ones first. */
    DUPLICATE_DETAILS_ASKED_FIRST(
            205,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "Two details members, the asked one's first; features: two records members, available ones first.",
            either(
                    perm(
                            "{'uri':'$URI','successful':true,'details':$DETAILS,'details':{'permission':{'id':'$OTHER'}}}"),
                    feat("{'records':[$RECS],'records':[$DENYRECS]}", null))),
    /**
     * 206: Two permission members inside details; features: an empty records member, then one with the available
     * records.
     */
    DUPLICATE_PERMISSION(
            206,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "Two permission members inside details;"
                    + " features: an empty records member, then one with the available records.",
            either(
                    perm("{'uri':'$URI','successful':true,'details':{'permission':{'id':'$OTHER'},'permission':{'id':"
                            + "'$ID'}}}"),
                    feat("{'records':[],'records':[$RECS]}", null))),
    /**
     * 207: A duplicate name only inside an unread member (effectiveRole.id twice; features: params[0].name twice):
     * still not one unambiguous document.
     */
    DUPLICATE_IN_UNREAD_MEMBER(
            207,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "A duplicate name only inside an"
                    + " unread member (effectiveRole.id twice; features: params[0].name twice): still not one unambiguous"
                    + " document.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$ID'},'effectiveRole':{'id':'1','id':"
                            + "'2'}}}",
                    "{'id':'$ID','available':true,'params':[{'name':'limitMax','name':'limitMin',"
                            + "'value':'100'}]}")),
    /** 208: uri twice with the same value (features: paging twice). */
    DUPLICATE_TOP_LEVEL_UNREAD(
            208,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "uri twice with the same value (features: paging twice).",
            either(
                    perm("{'uri':'$URI','uri':'$URI','successful':true,'details':$DETAILS}"),
                    feat("{'records':[$RECS],'paging':{},'paging':{}}", null))),
    /**
     * 209: "successful":false, then "succ&#92;u0065ssful":true: the same name once decoded (features: available /
     * av&#92;u0061ilable).
     */
    DUPLICATE_VIA_ESCAPE(
            209,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"successful\":false, then"
                    + " \"succ\\u0065ssful\":true: the same name once decoded (features: available / av\\u0061ilable).",
            ok(
                    "{'uri':'$URI','successful':false,'succ\\u0065ssful':true,'details':$DETAILS}",
                    "{'id':'$ID','available':false,'av\\u0061ilable':true}")),
    /** 210: "id":"Other", then "&#92;u0069d":"&lt;asked&gt;": a duplicate id that a raw-text comparison misses. */
    DUPLICATE_ID_VIA_ESCAPE(
            210,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"id\":\"Other\", then \"\\u0069d\":\"<asked>\": a duplicate id that a raw-text comparison misses.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$OTHER','\\u0069d':'$ID'}}}",
                    "{'id':'$OTHER','\\u0069d':'$ID','available':true}")),
    /**
     * 211: The grant object, then a second JSON value {"successful":false} (features: {"records":[]}) inside the same
     * body.
     */
    SECOND_VALUE_DENIAL_AFTER(
            211,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant object, then a second JSON"
                    + " value {\"successful\":false} (features: {\"records\":[]}) inside the same body.",
            either(perm("$GRANT{'successful':false}"), feat("{'records':[$RECS]}{'records':[]}", null))),
    /** 212: A denial object, then the grant object inside the same body. */
    SECOND_VALUE_GRANT_AFTER(
            212,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "A denial object, then the grant object inside the same body.",
            either(perm("$DENIAL$GRANT"), feat("{'records':[$DENYRECS]}{'records':[$RECS]}", null))),
    /** 213: Two identical grant objects on two lines (NDJSON): not one object. */
    TWO_GRANTS_NDJSON(
            213,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "Two identical grant objects on two lines (NDJSON): not one object.",
            either(perm("$GRANT\n$GRANT\n"), feat("{'records':[$RECS]}\n{'records':[$RECS]}\n", null))),
    /** 214: The grant object followed by " xyz". */
    TRAILING_GARBAGE(
            214,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant object followed by \" xyz\".",
            either(perm("$GRANT xyz"), feat("{'records':[$RECS]} xyz", null))),
    /** 215: The grant object followed by a comma. */
    TRAILING_COMMA_AFTER(
            215,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant object followed by a comma.",
            either(perm("$GRANT,"), feat("{'records':[$RECS]},", null))),
    /** 216: The grant object followed by a NUL byte (counted in Content-Length). */
    TRAILING_NUL(
            216,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant object followed by a NUL byte (counted in Content-Length).",
            either(perm("$GRANT%x00"), feat("{'records':[$RECS]}%x00", null))),
    /** 217: The grant object followed by an extra "}". */
    TRAILING_BRACE(
            217,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant object followed by an extra \"}\".",
            either(perm("$GRANT}"), feat("{'records':[$RECS]}}", null))),
    /** 218: The grant object followed by " false". */
    TRAILING_SCALAR(
            218,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant object followed by \" false\".",
            either(perm("$GRANT false"), feat("{'records':[$RECS]} false", null))),
    /**
     * 219: Features: each asked id named by two records, available then unavailable; permission: the canonical grant.
     */
    RECORD_TWICE_TRUE_FALSE(
            219,
            AMBIGUOUS_JSON,
            GRANT,
            UNAVAILABLE,
            "Features: each asked id named by two records,"
                    + " available then unavailable; permission: the canonical grant.",
            ok(PERM_GRANT, "$REC,$DENYREC")),
    /**
     * 220: Features: each asked id named by two records, unavailable then available; permission: the canonical grant.
     */
    RECORD_TWICE_FALSE_TRUE(
            220,
            AMBIGUOUS_JSON,
            GRANT,
            UNAVAILABLE,
            "Features: each asked id named by two records,"
                    + " unavailable then available; permission: the canonical grant.",
            ok(PERM_GRANT, "$DENYREC,$REC")),
    /**
     * 221: Features: each asked id named by two identical available records (still not exactly one); permission: the
     * canonical grant.
     */
    RECORD_TWICE_TRUE_TRUE(
            221,
            AMBIGUOUS_JSON,
            GRANT,
            UNAVAILABLE,
            "Features: each asked id named by two identical"
                    + " available records (still not exactly one); permission: the canonical grant.",
            ok(PERM_GRANT, "$REC,$REC")),
    /** 222: A duplicate name four levels deep inside an unread member. */
    DUPLICATE_DEEP_IN_UNREAD(
            222,
            AMBIGUOUS_JSON,
            UNAVAILABLE,
            UNAVAILABLE,
            "A duplicate name four levels deep inside an unread member.",
            ok(
                    "{'uri':'$URI','successful':true,'details':$DETAILS,'x':{'y':[{'z':{'k':1,'k':2}}]}}",
                    "{'id':'$ID','available':true,'x':[[{'k':1,'k':1}]]}")),

    // ---- 250-299 valid JSON, wrong values ------------------------------------------------------------------

    /** 250: "successful":"true" (features: "available":"true"): a string, not the boolean. */
    SUCCESSFUL_STRING(
            250,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"successful\":\"true\" (features: \"available\":\"true\"): a string, not the boolean.",
            ok("{'uri':'$URI','successful':'true','details':$DETAILS}", "{'id':'$ID','available':'true'}")),
    /** 251: "successful":1 (features: "available":1). */
    SUCCESSFUL_ONE(
            251,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"successful\":1 (features: \"available\":1).",
            ok("{'uri':'$URI','successful':1,'details':$DETAILS}", "{'id':'$ID','available':1}")),
    /**
     * 252: "successful":null (features: "available":null): not true; whether it reads as missing (403) or malformed
     * (503) is left open.
     */
    SUCCESSFUL_NULL(
            252,
            WRONG_VALUE,
            REFUSED,
            REFUSED,
            "\"successful\":null (features: \"available\":null): not"
                    + " true; whether it reads as missing (403) or malformed (503) is left open.",
            ok("{'uri':'$URI','successful':null,'details':$DETAILS}", "{'id':'$ID','available':null}")),
    /** 253: "successful":[true] (features: "available":[true]). */
    SUCCESSFUL_ARRAY(
            253,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"successful\":[true] (features: \"available\":[true]).",
            ok("{'uri':'$URI','successful':[true],'details':$DETAILS}", "{'id':'$ID','available':[true]}")),
    /** 254: "successful":{"value":true} (features: the same for available). */
    SUCCESSFUL_OBJECT(
            254,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"successful\":{\"value\":true} (features: the same for available).",
            ok(
                    "{'uri':'$URI','successful':{'value':true},'details':$DETAILS}",
                    "{'id':'$ID','available':{'value':true}}")),
    /**
     * 255: "Successful":true (features: "Available":true): names are case-sensitive, so successful / available is
     * missing.
     */
    SUCCESSFUL_NAME_CASE(
            255,
            WRONG_VALUE,
            DENIED,
            DENIED,
            "\"Successful\":true (features: \"Available\":true):"
                    + " names are case-sensitive, so successful / available is missing.",
            ok("{'uri':'$URI','Successful':true,'details':$DETAILS}", "{'id':'$ID','Available':true}")),
    /** 256: "successful ":true with a trailing space (features: "available "): the real member is missing. */
    SUCCESSFUL_NAME_SPACE(
            256,
            WRONG_VALUE,
            DENIED,
            DENIED,
            "\"successful \":true with a trailing space (features: \"available \"): the real member is missing.",
            ok("{'uri':'$URI','successful ':true,'details':$DETAILS}", "{'id':'$ID','available ':true}")),
    /**
     * 257: "successful&#92;u0000":true (features: available&#92;u0000): a reader that stops names at NUL sees
     * successful.
     */
    SUCCESSFUL_NAME_NUL(
            257,
            WRONG_VALUE,
            DENIED,
            DENIED,
            "\"successful\\u0000\":true (features: available\\u0000):"
                    + " a reader that stops names at NUL sees successful.",
            ok("{'uri':'$URI','successful\\u0000':true,'details':$DETAILS}", "{'id':'$ID','available\\u0000':true}")),
    /**
     * 258: Features: the asked id's record without available; permission: details of the asked id but no successful.
     */
    AVAILABLE_MISSING(
            258,
            WRONG_VALUE,
            DENIED,
            DENIED,
            "Features: the asked id's record without available;"
                    + " permission: details of the asked id but no successful.",
            ok("{'uri':'$URI','details':$DETAILS}", "{'id':'$ID'}")),
    /**
     * 259: successful:true for another permission id (an answer about another id: 503); features: an available record
     * of another id only (no record: 403).
     */
    WRONG_ID(
            259,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "successful:true for another permission id (an answer about"
                    + " another id: 503); features: an available record of another id only (no record: 403).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$OTHER'}}}",
                    "{'id':'$OTHER','available':true}")),
    /** 260: The id with every letter's case swapped (ids are case-sensitive). */
    ID_OTHER_CASE(
            260,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id with every letter's case swapped (ids are case-sensitive).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$CASE'}}}",
                    "{'id':'$CASE','available':true}")),
    /** 261: The id with a trailing space. */
    ID_TRAILING_SPACE(
            261,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id with a trailing space.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$ID '}}}",
                    "{'id':'$ID ','available':true}")),
    /** 262: The id with a leading space. */
    ID_LEADING_SPACE(
            262,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id with a leading space.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':' $ID'}}}",
                    "{'id':' $ID','available':true}")),
    /** 263: The id followed by an escaped NUL (&#92;u0000). */
    ID_TRAILING_NUL(
            263,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id followed by an escaped NUL (\\u0000).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$ID\\u0000'}}}",
                    "{'id':'$ID\\u0000','available':true}")),
    /** 264: The id followed by an escaped newline. */
    ID_TRAILING_NEWLINE(
            264,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id followed by an escaped newline.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$ID\\n'}}}",
                    "{'id':'$ID\\n','available':true}")),
    /** 265: The id followed by a raw U+200B zero-width space. */
    ID_ZERO_WIDTH(
            265,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id followed by a raw U+200B zero-width space.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$ID\u200b'}}}",
                    "{'id':'$ID\u200b','available':true}")),
    /** 266: The id with its first letter in full width (U+FF21..): equal only after NFKC normalisation. */
    ID_FULL_WIDTH(
            266,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id with its first letter in full width (U+FF21..): equal only after NFKC normalisation.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$FW'}}}",
                    "{'id':'$FW','available':true}")),
    /** 267: The id with "All" appended (a prefix match grants). */
    ID_LONGER(
            267,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id with \"All\" appended (a prefix match grants).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$LONGER'}}}",
                    "{'id':'$LONGER','available':true}")),
    /** 268: The id without its last character. */
    ID_TRUNCATED(
            268,
            WRONG_VALUE,
            UNAVAILABLE,
            DENIED,
            "The id without its last character.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$TRUNC'}}}",
                    "{'id':'$TRUNC','available':true}")),
    /** 269: "id":42, a number. */
    ID_NUMBER(
            269,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "\"id\":42, a number.",
            ok("{'uri':'$URI','successful':true,'details':{'permission':{'id':42}}}", "{'id':42,'available':true}")),
    /** 270: "id":null. */
    ID_NULL(
            270,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "\"id\":null.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':null}}}",
                    "{'id':null,'available':true}")),
    /** 271: No id: a permission with only its uri; a record with only available:true. */
    ID_MISSING(
            271,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "No id: a permission with only its uri; a record with only available:true.",
            ok("{'uri':'$URI','successful':true,'details':{'permission':{'uri':'$PURI'}}}", "{'available':true}")),
    /** 272: "id":["&lt;asked&gt;"]. */
    ID_ARRAY(
            272,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "\"id\":[\"<asked>\"].",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':['$ID']}}}",
                    "{'id':['$ID'],'available':true}")),
    /** 273: "id":{"id":"&lt;asked&gt;"}. */
    ID_OBJECT(
            273,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "\"id\":{\"id\":\"<asked>\"}.",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':{'id':'$ID'}}}}",
                    "{'id':{'id':'$ID'},'available':true}")),
    /** 274: successful:true, details without permission; features: the records under another name ("features"). */
    PERMISSION_MISSING(
            274,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "successful:true, details without permission;"
                    + " features: the records under another name (\"features\").",
            either(
                    perm("{'uri':'$URI','successful':true,'details':{'effectiveRole':{'id':'1'},'scopes':"
                            + "['AllExtensions']}}"),
                    feat("{'features':[$RECS]}", null))),
    /** 275: successful:true without details; features: "records":null. */
    DETAILS_MISSING(
            275,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "successful:true without details; features: \"records\":null.",
            either(perm("{'uri':'$URI','successful':true}"), feat("{'records':null}", null))),
    /** 276: details as an array holding the details; features: records as an object keyed by id. */
    DETAILS_ARRAY(
            276,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "details as an array holding the details; features: records as an object keyed by id.",
            either(
                    perm("{'uri':'$URI','successful':true,'details':[$DETAILS]}"),
                    feat("{'records':{'$ID':$REC}}", null))),
    /** 277: "permission":"&lt;asked&gt;" (a string); features: records that are strings. */
    PERMISSION_STRING(
            277,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "\"permission\":\"<asked>\" (a string); features: records that are strings.",
            ok("{'uri':'$URI','successful':true,'details':{'permission':'$ID'}}", "'$ID'")),
    /** 278: "permission":[{"id":"&lt;asked&gt;"}]; features: records nested one array deeper. */
    PERMISSION_ARRAY(
            278,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "\"permission\":[{\"id\":\"<asked>\"}]; features: records nested one array deeper.",
            either(
                    perm("{'uri':'$URI','successful':true,'details':{'permission':[{'id':'$ID'}]}}"),
                    feat("{'records':[[$RECS]]}", null))),
    /** 279: permission at the top level instead of inside details; features: records inside a "data" object. */
    PERMISSION_AT_TOP_LEVEL(
            279,
            WRONG_VALUE,
            UNAVAILABLE,
            REFUSED,
            "permission at the top level instead of inside details; features: records inside a \"data\" object.",
            either(
                    perm("{'uri':'$URI','successful':true,'permission':{'id':'$ID'}}"),
                    feat("{'data':{'records':[$RECS]}}", null))),
    /** 280: The grant object inside a top-level array. */
    TOP_LEVEL_ARRAY(
            280,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant object inside a top-level array.",
            either(perm("[$GRANT]"), feat("[{'records':[$RECS]}]", null))),
    /** 281: The grant JSON as a JSON string. */
    TOP_LEVEL_STRING(
            281,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant JSON as a JSON string.",
            ok(GRANT_BODY.map(Specials::asJsonString))),
    /** 282: The body is null. */
    TOP_LEVEL_NULL(282, WRONG_VALUE, UNAVAILABLE, UNAVAILABLE, "The body is null.", ok(perm("null"))),
    /** 283: The body is true. */
    TOP_LEVEL_TRUE(283, WRONG_VALUE, UNAVAILABLE, UNAVAILABLE, "The body is true.", ok(perm("true"))),
    /** 284: 200 with Content-Length: 0. */
    EMPTY_BODY(284, WRONG_VALUE, UNAVAILABLE, UNAVAILABLE, "200 with Content-Length: 0.", ok(perm(""))),
    /** 285: The body is {}: successful missing (a denial); features: records missing (class left open). */
    EMPTY_OBJECT(
            285,
            WRONG_VALUE,
            DENIED,
            REFUSED,
            "The body is {}: successful missing (a denial); features: records missing (class left open).",
            ok(perm("{}"))),
    /** 286: 200 with a TokenInvalid error body. */
    ERROR_BODY_ON_200(
            286,
            WRONG_VALUE,
            REFUSED,
            REFUSED,
            "200 with a TokenInvalid error body.",
            ok(perm(errorJson("TokenInvalid", "OAU-128", "Access token expired")))),
    /** 287: 401 with the grant body: the status decides. */
    GRANT_BODY_ON_401(
            287,
            WRONG_VALUE,
            UNAUTHENTICATED,
            UNAUTHENTICATED,
            "401 with the grant body: the status decides.",
            grantUnder("HTTP/1.1 401 Unauthorized", JSON, LENGTH)),
    /** 288: 403 with the grant body. */
    GRANT_BODY_ON_403(
            288,
            WRONG_VALUE,
            DENIED,
            DENIED,
            "403 with the grant body.",
            grantUnder("HTTP/1.1 403 Forbidden", JSON, LENGTH)),
    /** 289: 500 with the grant body. */
    GRANT_BODY_ON_500(
            289,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "500 with the grant body.",
            grantUnder("HTTP/1.1 500 Internal Server Error", JSON, LENGTH)),
    /** 290: 429 with Retry-After: 7 and the grant body. */
    GRANT_BODY_ON_429(
            290,
            WRONG_VALUE,
            UNAVAILABLE,
            UNAVAILABLE,
            "429 with Retry-After: 7 and the grant body.",
            grantUnder("HTTP/1.1 429 Too Many Requests", JSON, "Retry-After: 7", LENGTH)),
    /**
     * 291: Features: the asked id unavailable and an available record of its case twin (a case-insensitive lookup
     * grants); permission: successful:false naming the case twin.
     */
    CASE_TWIN_RECORD(
            291,
            WRONG_VALUE,
            DENIED,
            DENIED,
            "Features: the asked id unavailable and an available record"
                    + " of its case twin (a case-insensitive lookup grants); permission: successful:false naming the case"
                    + " twin.",
            ok(
                    "{'uri':'$URI','successful':false,'details':{'permission':{'id':'$CASE'}}}",
                    "{'id':'$ID','available':false},{'id':'$CASE','available':true}")),

    // ---- 300-399 not strict UTF-8 JSON ---------------------------------------------------------------------

    /**
     * 300: A UTF-8 byte order mark before the object (RFC 8259: senders must not add one; a strict reader rejects it).
     */
    BOM_BEFORE_JSON(
            300,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A UTF-8 byte order mark before the object"
                    + " (RFC 8259: senders must not add one; a strict reader rejects it).",
            ok(GRANT_BODY.map(b -> Kinds.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b)))),
    /** 301: A 0xFF byte inside an unread string. */
    INVALID_UTF8_UNREAD(
            301,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A 0xFF byte inside an unread string.",
            ok(
                    "{'uri':'$URI','successful':true,'note':'ab%xFFcd','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'ab%xFFcd'}")),
    /** 302: The id followed by a 0xFF byte (a decoder that drops bad bytes sees the asked id). */
    INVALID_UTF8_IN_ID(
            302,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "The id followed by a 0xFF byte (a decoder that drops bad bytes sees the asked id).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$ID%xFF'}}}",
                    "{'id':'$ID%xFF','available':true}")),
    /** 303: An overlong encoding (C0 AF for "/") inside an unread string. */
    OVERLONG_UTF8_UNREAD(
            303,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An overlong encoding (C0 AF for \"/\") inside an unread string.",
            ok(
                    "{'uri':'$URI','successful':true,'note':'a%xC0%xAFb','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'a%xC0%xAFb'}")),
    /** 304: The id's first letter in overlong two-byte UTF-8 (a lenient decoder yields the asked id). */
    OVERLONG_UTF8_IN_ID(
            304,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "The id's first letter in overlong two-byte UTF-8 (a lenient decoder yields the asked id).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$OVERID'}}}",
                    "{'id':'$OVERID','available':true}")),
    /**
     * 305: A denial whose unread string holds overlong quotes (C0 A2): a lenient decoder turns it into
     * ..."successful":true... after the false.
     */
    OVERLONG_QUOTE_INJECTION(
            305,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A denial whose unread string holds"
                    + " overlong quotes (C0 A2): a lenient decoder turns it into ...\"successful\":true... after the false.",
            ok(
                    "{'uri':'$URI','successful':false,'note':'x%xC0%xA2,%xC0%xA2successful%xC0%xA2:true,%xC0%xA2y':'z',"
                            + "'details':$DETAILS}",
                    "{'id':'$ID','available':false,'note':'x%xC0%xA2,%xC0%xA2available"
                            + "%xC0%xA2:true,%xC0%xA2y':'z'}")),
    /** 306: A UTF-8-encoded surrogate (ED A0 80, CESU-8) inside an unread string. */
    SURROGATE_BYTES_UNREAD(
            306,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A UTF-8-encoded surrogate (ED A0 80, CESU-8) inside an unread string.",
            ok(
                    "{'uri':'$URI','successful':true,'note':'a%xED%xA0%x80b','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'a%xED%xA0%x80b'}")),
    /** 307: A UTF-8 sequence cut short (E2 82) before a closing quote. */
    TRUNCATED_UTF8_UNREAD(
            307,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A UTF-8 sequence cut short (E2 82) before a closing quote.",
            ok(
                    "{'uri':'$URI','successful':true,'note':'ab%xE2%x82','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'ab%xE2%x82'}")),
    /** 308: An ISO-8859-1 byte (caf&#92;xE9) inside an unread string. */
    LATIN1_UNREAD(
            308,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An ISO-8859-1 byte (caf\\xE9) inside an unread string.",
            ok(
                    "{'uri':'$URI','successful':true,'note':'caf%xE9','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'caf%xE9'}")),
    /**
     * 309: "&#92;ud800" alone in an unread string. Labelled not a grant: the escape names no Unicode scalar value, so
     * the text cannot be represented as strict UTF-8 (I-JSON, RFC 7493, forbids it); a strict reader rejects the
     * document rather than guess (replace with U+FFFD, drop, keep).
     */
    LONE_HIGH_SURROGATE_UNREAD(
            309,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"\\ud800\" alone in an unread"
                    + " string. Labelled not a grant: the escape names no Unicode scalar value, so the text cannot be"
                    + " represented as strict UTF-8 (I-JSON, RFC 7493, forbids it); a strict reader rejects the document"
                    + " rather than guess (replace with U+FFFD, drop, keep).",
            ok(
                    "{'uri':'$URI','successful':true,'note':'\\ud800','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'\\ud800'}")),
    /** 310: "a&#92;udc00b": a lone low surrogate escape in an unread string (not a grant, as for &#92;ud800). */
    LONE_LOW_SURROGATE_UNREAD(
            310,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"a\\udc00b\": a lone low surrogate escape in an unread string (not a grant, as for \\ud800).",
            ok(
                    "{'uri':'$URI','successful':true,'note':'a\\udc00b','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'a\\udc00b'}")),
    /** 311: "&#92;ude00&#92;ud83d": a surrogate pair in the wrong order in an unread string. */
    REVERSED_SURROGATES_UNREAD(
            311,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"\\ude00\\ud83d\": a surrogate pair in the wrong order in an unread string.",
            ok(
                    "{'uri':'$URI','successful':true,'note':'\\ude00\\ud83d','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'\\ude00\\ud83d'}")),
    /** 312: A lone &#92;ud800 escape inside the id (a reader that drops it sees the asked id). */
    LONE_SURROGATE_IN_ID(
            312,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A lone \\ud800 escape inside the id (a reader that drops it sees the asked id).",
            ok(
                    "{'uri':'$URI','successful':true,'details':{'permission':{'id':'$SURRID'}}}",
                    "{'id':'$SURRID','available':true}")),
    /** 313: The grant in UTF-16 (with BOM) under application/json; charset=utf-16: networked JSON must be UTF-8. */
    UTF16_BODY(
            313,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant in UTF-16 (with BOM) under application/json; charset=utf-16: networked JSON must be UTF-8.",
            reply(
                    GRANT_BODY.map(b -> new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16)),
                    OK,
                    "Content-Type: application/json; charset=utf-16",
                    LENGTH)),
    /** 314: A raw TAB and LF inside an unread string (control characters must be escaped). */
    RAW_CONTROL_IN_STRING(
            314,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A raw TAB and LF inside an unread string (control characters must be escaped).",
            ok(
                    "{'uri':'$URI','successful':true,'note':'a%x09b%x0Ac','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'a%x09b%x0Ac'}")),
    /** 315: A block comment around "successful":false before "successful":true: JSON has no comments. */
    COMMENT_HIDING_DENIAL(
            315,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A block comment around \"successful\":false before \"successful\":true: JSON has no comments.",
            ok(
                    "{'uri':'$URI',/*'successful':false,*/'successful':true,'details':$DETAILS}",
                    "{'id':'$ID',/*'available':false,*/'available':true}")),
    /** 316: A // line comment inside the grant object. */
    LINE_COMMENT(
            316,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A // line comment inside the grant object.",
            ok(
                    "{'uri':'$URI','successful':true, // from cache\n'details':$DETAILS}",
                    "{'id':'$ID', // from cache\n'available':true}")),
    /** 317: The grant with single quotes instead of double. */
    SINGLE_QUOTES(
            317,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant with single quotes instead of double.",
            ok(GRANT_BODY.map(Specials::singleQuoted))),
    /** 318: Member names without quotes. */
    UNQUOTED_NAMES(
            318,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "Member names without quotes.",
            ok(either(
                    perm("{uri:'$URI',successful:true,details:{permission:{id:'$ID'}}}"),
                    feat("{records:[$EACH]}", "{id:'$ID',available:true}")))),
    /** 319: A comma before the closing brace. */
    TRAILING_COMMA_IN_OBJECT(
            319,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A comma before the closing brace.",
            ok("{'uri':'$URI','successful':true,'details':$DETAILS,}", "{'id':'$ID','available':true,}")),
    /** 320: A comma before a closing bracket (scopes; features: records). */
    TRAILING_COMMA_IN_ARRAY(
            320,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "A comma before a closing bracket (scopes; features: records).",
            either(
                    perm("{'uri':'$URI','successful':true,'details':{'permission':{'id':'$ID'},'scopes':"
                            + "['AllExtensions',]}}"),
                    feat("{'records':[$EACH,]}", RECORD))),
    /** 321: An unread NaN. */
    NAN_UNREAD(
            321,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An unread NaN.",
            ok(
                    "{'uri':'$URI','successful':true,'ratio':NaN,'details':$DETAILS}",
                    "{'id':'$ID','available':true,'ratio':NaN}")),
    /** 322: An unread -Infinity. */
    INFINITY_UNREAD(
            322,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An unread -Infinity.",
            ok(
                    "{'uri':'$URI','successful':true,'ratio':-Infinity,'details':$DETAILS}",
                    "{'id':'$ID','available':true,'ratio':-Infinity}")),
    /** 323: An unread number with a leading zero (012). */
    LEADING_ZERO_UNREAD(
            323,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An unread number with a leading zero (012).",
            ok(
                    "{'uri':'$URI','successful':true,'count':012,'details':$DETAILS}",
                    "{'id':'$ID','available':true,'count':012}")),
    /** 324: An unread hex number (0x1F). */
    HEX_NUMBER_UNREAD(
            324,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An unread hex number (0x1F).",
            ok(
                    "{'uri':'$URI','successful':true,'count':0x1F,'details':$DETAILS}",
                    "{'id':'$ID','available':true,'count':0x1F}")),
    /** 325: An unread number with a plus sign (+1). */
    PLUS_NUMBER_UNREAD(
            325,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An unread number with a plus sign (+1).",
            ok(
                    "{'uri':'$URI','successful':true,'count':+1,'details':$DETAILS}",
                    "{'id':'$ID','available':true,'count':+1}")),
    /** 326: An unread number without its integer part (.5). */
    BARE_FRACTION_UNREAD(
            326,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An unread number without its integer part (.5).",
            ok(
                    "{'uri':'$URI','successful':true,'count':.5,'details':$DETAILS}",
                    "{'id':'$ID','available':true,'count':.5}")),
    /** 327: "successful":True (features: "available":True): not a JSON literal. */
    TRUE_CAPITALISED(
            327,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"successful\":True (features: \"available\":True): not a JSON literal.",
            ok("{'uri':'$URI','successful':True,'details':$DETAILS}", "{'id':'$ID','available':True}")),
    /** 328: An unread string with &#92;x41, not a JSON escape. */
    INVALID_ESCAPE_UNREAD(
            328,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An unread string with \\x41, not a JSON escape.",
            ok(
                    "{'uri':'$URI','successful':true,'note':'\\x41','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'\\x41'}")),
    /** 329: The last unread string never closes (the body ends inside it). */
    UNTERMINATED_STRING(
            329,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "The last unread string never closes (the body ends inside it).",
            either(
                    perm("{'uri':'$URI','successful':true,'details':$DETAILS,'note':'abc}"),
                    feat("{'records':[$RECS],'note':'abc}", null))),
    /** 330: The grant without its final "}". */
    MISSING_CLOSING_BRACE(
            330,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant without its final \"}\".",
            either(perm("{'uri':'$URI','successful':true,'details':$DETAILS"), feat("{'records':[$RECS]", null))),
    /** 331: No comma between two members. */
    MISSING_COMMA(
            331,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "No comma between two members.",
            ok("{'uri':'$URI' 'successful':true,'details':$DETAILS}", "{'id':'$ID' 'available':true}")),
    /** 332: An unread string with &#92;u12 (two hex digits short). */
    SHORT_UNICODE_ESCAPE(
            332,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "An unread string with \\u12 (two hex digits short).",
            ok(
                    "{'uri':'$URI','successful':true,'note':'\\u12','details':$DETAILS}",
                    "{'id':'$ID','available':true,'note':'\\u12'}")),
    /** 333: The grant wrapped as JSONP: rc({...}); */
    JSONP(
            333,
            BROKEN_JSON_TEXT,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant wrapped as JSONP: rc({...});",
            either(perm("rc($GRANT);"), feat("rc({'records':[$RECS]});", null))),

    // ---- 400-449 status lines, interim responses, redirects ------------------------------------------------

    /** 400: "HTTP/1.0 200 OK" with the grant, then close: not an HTTP/1.1 answer. */
    HTTP_1_0(
            400,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"HTTP/1.0 200 OK\" with the grant, then close: not an HTTP/1.1 answer.",
            grantUnder("HTTP/1.0 200 OK", JSON, LENGTH).thenClose(),
            CLOSES),
    /** 401: "HTTP/1.1 2000 OK": a reader of the first three digits sees 200. */
    STATUS_2000(
            401,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"HTTP/1.1 2000 OK\": a reader of the first three digits sees 200.",
            grantUnder("HTTP/1.1 2000 OK", JSON, LENGTH)),
    /** 402: "HTTP/2 200" over HTTP/1.1. */
    HTTP_2_STATUS(
            402,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"HTTP/2 200\" over HTTP/1.1.",
            grantUnder("HTTP/2 200", JSON, LENGTH)),
    /** 403: "http/1.1 200 OK": the protocol name is case-sensitive. */
    LOWER_CASE_VERSION(
            403,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"http/1.1 200 OK\": the protocol name is case-sensitive.",
            grantUnder("http/1.1 200 OK", JSON, LENGTH)),
    /** 404: 201 Created with the grant body. */
    STATUS_201(
            404,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "201 Created with the grant body.",
            grantUnder("HTTP/1.1 201 Created", JSON, LENGTH)),
    /** 405: 203 Non-Authoritative Information with the grant body (a proxy's copy). */
    STATUS_203(
            405,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "203 Non-Authoritative Information with the grant body (a proxy's copy).",
            grantUnder("HTTP/1.1 203 Non-Authoritative Information", JSON, LENGTH)),
    /** 406: 206 Partial Content with a Content-Range and the grant body. */
    STATUS_206(
            406,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "206 Partial Content with a Content-Range and the grant body.",
            grantUnder("HTTP/1.1 206 Partial Content", JSON, "Content-Range: bytes 0-$LEN-1/$LEN", LENGTH)),
    /** 407: 204 No Content, then the grant body anyway (a 204 has no body: the bytes are left on the connection). */
    STATUS_204_WITH_BODY(
            407,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "204 No Content, then the grant body anyway"
                    + " (a 204 has no body: the bytes are left on the connection).",
            grantUnder("HTTP/1.1 204 No Content", JSON, LENGTH),
            LEFTOVER_BYTES),
    /** 408: "HTTP/1.1  200 OK" (two spaces). */
    STATUS_TWO_SPACES(
            408,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"HTTP/1.1  200 OK\" (two spaces).",
            grantUnder("HTTP/1.1  200 OK", JSON, LENGTH)),
    /** 409: "HTTP/1.1 200OK" (no space after the code). */
    STATUS_REASON_GLUED(
            409,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"HTTP/1.1 200OK\" (no space after the code).",
            grantUnder("HTTP/1.1 200OK", JSON, LENGTH)),
    /** 410: " HTTP/1.1 200 OK" (a space before the status line). */
    STATUS_LEADING_SPACE(
            410,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\" HTTP/1.1 200 OK\" (a space before the status line).",
            grantUnder(" HTTP/1.1 200 OK", JSON, LENGTH)),
    /**
     * 411: An empty line (CRLF) before the status line: tolerance for it is granted to servers reading requests, not to
     * clients.
     */
    STATUS_LEADING_EMPTY_LINE(
            411,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "An empty line (CRLF) before the status"
                    + " line: tolerance for it is granted to servers reading requests, not to clients.",
            grantUnder("\r\nHTTP/1.1 200 OK", JSON, LENGTH)),
    /** 412: "HTTP/1.1 0200 OK" (a four-digit code). */
    STATUS_CODE_LEADING_ZERO(
            412,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"HTTP/1.1 0200 OK\" (a four-digit code).",
            grantUnder("HTTP/1.1 0200 OK", JSON, LENGTH)),
    /** 413: Only the grant body, no status line or headers, then close (an HTTP/0.9 answer). */
    NO_STATUS_LINE(
            413,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Only the grant body, no status line or headers, then close (an HTTP/0.9 answer).",
            Specials.bodyOnly(),
            CLOSES),
    /**
     * 414: 101 Switching Protocols (never asked for), then a 200 grant, then close. Labelled not a grant: after a 101
     * the connection no longer speaks HTTP/1.1, so the 200 is not an HTTP/1.1 response to this request.
     */
    SWITCHING_PROTOCOLS_THEN_GRANT(
            414,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "101 Switching Protocols (never"
                    + " asked for), then a 200 grant, then close. Labelled not a grant: after a 101 the connection no"
                    + " longer speaks HTTP/1.1, so the 200 is not an HTTP/1.1 response to this request.",
            Specials.interim("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c")
                    .thenClose(),
            CLOSES),
    /** 415: 100 Continue, then close: no final response. */
    INTERIM_ONLY(
            415,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "100 Continue, then close: no final response.",
            Specials.rawThenClose("HTTP/1.1 100 Continue\r\n\r\n"),
            CLOSES),
    /**
     * 416: 100 Continue with Content-Length: 12 and 12 bytes of junk, then the grant, then close: a 1xx has no body, so
     * the junk stands where the next status line must be.
     */
    INTERIM_WITH_BODY(
            416,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "100 Continue with Content-Length: 12 and 12"
                    + " bytes of junk, then the grant, then close: a 1xx has no body, so the junk stands where the next"
                    + " status line must be.",
            Specials.then(
                            Specials.rawThenClose(
                                    "HTTP/1.1 100 Continue\r\nContent-Length: 12\r\n\r\n{\"skip\":1}\r\n"),
                            Kinds.ok(GRANT_BODY))
                    .thenClose(),
            CLOSES),
    /**
     * 417: 302 Found to the same request with hostileKind=100 (which answers the canonical grant): the library never
     * follows redirects.
     */
    REDIRECT_302_TO_GRANT(
            417,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "302 Found to the same request with"
                    + " hostileKind=100 (which answers the canonical grant): the library never follows redirects.",
            Specials.redirect("HTTP/1.1 302 Found")),
    /** 418: 307 Temporary Redirect to a grant. */
    REDIRECT_307_TO_GRANT(
            418,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "307 Temporary Redirect to a grant.",
            Specials.redirect("HTTP/1.1 307 Temporary Redirect")),
    /** 419: 308 Permanent Redirect to a grant. */
    REDIRECT_308_TO_GRANT(
            419,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "308 Permanent Redirect to a grant.",
            Specials.redirect("HTTP/1.1 308 Permanent Redirect")),
    /** 420: "HTTP/1.1&lt;TAB&gt;200&lt;TAB&gt;OK" (tabs instead of spaces). */
    STATUS_TABS(
            420,
            BROKEN_STATUS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"HTTP/1.1<TAB>200<TAB>OK\" (tabs instead of spaces).",
            grantUnder("HTTP/1.1\t200\tOK", JSON, LENGTH)),

    // ---- 450-499 headers around a grant body ---------------------------------------------------------------

    /** 450: Content-Encoding: gzip over a plain body (the library never asks for compression). */
    CONTENT_ENCODING_GZIP(
            450,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Encoding: gzip over a plain body (the library never asks for compression).",
            grantUnder(OK, JSON, "Content-Encoding: gzip", LENGTH)),
    /** 451: Content-Encoding: deflate over a plain body. */
    CONTENT_ENCODING_DEFLATE(
            451,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Encoding: deflate over a plain body.",
            grantUnder(OK, JSON, "Content-Encoding: deflate", LENGTH)),
    /** 452: Content-Encoding: br over a plain body. */
    CONTENT_ENCODING_BR(
            452,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Encoding: br over a plain body.",
            grantUnder(OK, JSON, "Content-Encoding: br", LENGTH)),
    /**
     * 453: Content-Encoding: identity over a plain body. Labelled not a grant: the definition allows no
     * Content-Encoding at all, and "identity" is reserved for Accept-Encoding (RFC 9110 8.4.1 says it should not be
     * used in Content-Encoding); a server sending it is already not behaving.
     */
    CONTENT_ENCODING_IDENTITY(
            453,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Encoding: identity over a"
                    + " plain body. Labelled not a grant: the definition allows no Content-Encoding at all, and \"identity\""
                    + " is reserved for Accept-Encoding (RFC 9110 8.4.1 says it should not be used in Content-Encoding); a"
                    + " server sending it is already not behaving.",
            grantUnder(OK, JSON, "Content-Encoding: identity", LENGTH)),
    /** 454: Content-Encoding: gzip over a really gzipped grant: unasked compression is refused even when correct. */
    CONTENT_ENCODING_GZIP_REAL(
            454,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Encoding: gzip over a really"
                    + " gzipped grant: unasked compression is refused even when correct.",
            reply(GRANT_BODY.map(Specials::gzip), OK, JSON, "Content-Encoding: gzip", LENGTH)),
    /** 455: Content-Type: application/jsonx. */
    CONTENT_TYPE_JSONX(
            455,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: application/jsonx.",
            grantUnder(OK, "Content-Type: application/jsonx", LENGTH)),
    /** 456: Content-Type: application/json-seq. */
    CONTENT_TYPE_JSON_SEQ(
            456,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: application/json-seq.",
            grantUnder(OK, "Content-Type: application/json-seq", LENGTH)),
    /** 457: Content-Type: text/plain. */
    CONTENT_TYPE_TEXT_PLAIN(
            457,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: text/plain.",
            grantUnder(OK, "Content-Type: text/plain", LENGTH)),
    /** 458: No Content-Type. */
    CONTENT_TYPE_MISSING(458, BROKEN_HEADERS, UNAVAILABLE, UNAVAILABLE, "No Content-Type.", grantUnder(OK, LENGTH)),
    /** 459: Content-Type: application/problem+json. */
    CONTENT_TYPE_PROBLEM_JSON(
            459,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: application/problem+json.",
            grantUnder(OK, "Content-Type: application/problem+json", LENGTH)),
    /** 460: Content-Type: text/json. */
    CONTENT_TYPE_TEXT_JSON(
            460,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: text/json.",
            grantUnder(OK, "Content-Type: text/json", LENGTH)),
    /** 461: Content-Type: text/html. */
    CONTENT_TYPE_HTML(
            461,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: text/html.",
            grantUnder(OK, "Content-Type: text/html; charset=utf-8", LENGTH)),
    /** 462: Two Content-Type headers, application/json and text/html. */
    CONTENT_TYPE_TWICE(
            462,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Two Content-Type headers, application/json and text/html.",
            grantUnder(OK, JSON, "Content-Type: text/html", LENGTH)),
    /** 463: Content-Type: application/json, text/html. */
    CONTENT_TYPE_LIST(
            463,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: application/json, text/html.",
            grantUnder(OK, "Content-Type: application/json, text/html", LENGTH)),
    /** 464: Content-Type: application/vnd.ringcentral+json. */
    CONTENT_TYPE_VENDOR_JSON(
            464,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: application/vnd.ringcentral+json.",
            grantUnder(OK, "Content-Type: application/vnd.ringcentral+json", LENGTH)),
    /** 465: Content-Type: with an empty value. */
    CONTENT_TYPE_EMPTY(
            465,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: with an empty value.",
            grantUnder(OK, "Content-Type:", LENGTH)),
    /** 466: Content-Type: application/*. */
    CONTENT_TYPE_WILDCARD(
            466,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type: application/*.",
            grantUnder(OK, "Content-Type: application/*", LENGTH)),
    /** 467: A header line without a colon ("X-Debug grant"). */
    HEADER_WITHOUT_COLON(
            467,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "A header line without a colon (\"X-Debug grant\").",
            grantUnder(OK, JSON, "X-Debug grant", LENGTH)),
    /**
     * 468: Content-Type folded onto a second line (obs-fold). Labelled not a grant: the definition wants every header
     * line as name: value; RFC 9112 lets a user agent unfold, but a strict reader rejects.
     */
    HEADER_OBS_FOLD(
            468,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Type folded onto a second line"
                    + " (obs-fold). Labelled not a grant: the definition wants every header line as name: value; RFC 9112"
                    + " lets a user agent unfold, but a strict reader rejects.",
            grantUnder(OK, "Content-Type: application/json;", " charset=utf-8", LENGTH)),
    /** 469: "Content-Type : application/json" (whitespace before the colon must be rejected, RFC 9112 5.1). */
    HEADER_SPACE_BEFORE_COLON(
            469,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "\"Content-Type : application/json\" (whitespace before the colon must be rejected, RFC 9112 5.1).",
            grantUnder(OK, "Content-Type : application/json", LENGTH)),
    /** 470: A header line with an empty name (": stray"). */
    HEADER_EMPTY_NAME(
            470,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "A header line with an empty name (\": stray\").",
            grantUnder(OK, JSON, ": stray", LENGTH)),
    /** 471: A header name with a space ("X Debug: 1"). */
    HEADER_NAME_WITH_SPACE(
            471,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "A header name with a space (\"X Debug: 1\").",
            grantUnder(OK, JSON, "X Debug: 1", LENGTH)),
    /** 472: A NUL byte inside a header value. */
    HEADER_NUL_IN_VALUE(
            472,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "A NUL byte inside a header value.",
            grantUnder(OK, JSON, "X-Debug: a\0b", LENGTH)),
    /** 473: A bare CR inside a header value, followed by text that looks like another header. */
    HEADER_BARE_CR_IN_VALUE(
            473,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "A bare CR inside a header value, followed by text that looks like another header.",
            grantUnder(OK, JSON, "X-Debug: a\rContent-Encoding: gzip", LENGTH)),
    /** 474: A header name with a non-ASCII byte (X-D&#92;xE9bug). */
    HEADER_NON_ASCII_NAME(
            474,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "A header name with a non-ASCII byte (X-D\\xE9bug).",
            grantUnder(OK, JSON, "X-D\u00e9bug: 1", LENGTH)),
    /** 475: The first header line starts with a space (whitespace right after the status line). */
    HEADER_FOLD_FIRST_LINE(
            475,
            BROKEN_HEADERS,
            UNAVAILABLE,
            UNAVAILABLE,
            "The first header line starts with a space (whitespace right after the status line).",
            grantUnder(OK, " X-Debug: 1", JSON, LENGTH)),

    // ---- 500-599 framing around a grant body ---------------------------------------------------------------

    /** 500: Content-Length: abc, then close. */
    CONTENT_LENGTH_NOT_A_NUMBER(
            500,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length: abc, then close.",
            grantUnder(OK, JSON, "Content-Length: abc").thenClose(),
            CLOSES),
    /** 501: Content-Length: -1, the body, then close. */
    CONTENT_LENGTH_NEGATIVE(
            501,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length: -1, the body, then close.",
            grantUnder(OK, JSON, "Content-Length: -1").thenClose(),
            CLOSES),
    /** 502: Content-Length: +N (a sign is not 1*DIGIT), then close. */
    CONTENT_LENGTH_PLUS(
            502,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length: +N (a sign is not 1*DIGIT), then close.",
            grantUnder(OK, JSON, "Content-Length: +$LEN").thenClose(),
            CLOSES),
    /** 503: Two Content-Length headers, the right one first and one 10 bytes longer, then close. */
    CONTENT_LENGTH_TWICE_CORRECT_FIRST(
            503,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Two Content-Length headers, the right one first and one 10 bytes longer, then close.",
            grantUnder(OK, JSON, "Content-Length: $LEN", "Content-Length: $LEN+10")
                    .thenClose(),
            CLOSES),
    /** 504: Two Content-Length headers, one 10 bytes shorter first and the right one last, then close. */
    CONTENT_LENGTH_TWICE_CORRECT_LAST(
            504,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Two Content-Length headers, one 10 bytes shorter first and the right one last, then close.",
            grantUnder(OK, JSON, "Content-Length: $LEN-10", "Content-Length: $LEN")
                    .thenClose(),
            CLOSES),
    /**
     * 505: Two Content-Length headers with the same right value, then close. Labelled not a grant: the definition wants
     * exactly one; RFC 9112 6.3 lets a recipient either reject such a message or collapse the copies, and a strict
     * reader rejects (a server that repeats framing headers is not one to trust).
     */
    CONTENT_LENGTH_TWICE_SAME(
            505,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Two Content-Length headers with the same"
                    + " right value, then close. Labelled not a grant: the definition wants exactly one; RFC 9112 6.3 lets a"
                    + " recipient either reject such a message or collapse the copies, and a strict reader rejects (a"
                    + " server that repeats framing headers is not one to trust).",
            grantUnder(OK, JSON, "Content-Length: $LEN", "Content-Length: $LEN").thenClose(),
            CLOSES),
    /** 506: Content-Length: N, N (a list of the same value), then close. */
    CONTENT_LENGTH_LIST(
            506,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length: N, N (a list of the same value), then close.",
            grantUnder(OK, JSON, "Content-Length: $LEN, $LEN").thenClose(),
            CLOSES),
    /** 507: Content-Length: 0x&lt;hex length&gt;, then close. */
    CONTENT_LENGTH_HEX(
            507,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length: 0x<hex length>, then close.",
            grantUnder(OK, JSON, "Content-Length: 0x$HEXLEN").thenClose(),
            CLOSES),
    /** 508: Content-Length: N.0, then close. */
    CONTENT_LENGTH_DECIMAL_POINT(
            508,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length: N.0, then close.",
            grantUnder(OK, JSON, "Content-Length: $LEN.0").thenClose(),
            CLOSES),
    /** 509: Content-Length: 2^64 + N (a reader that overflows silently reads N), then close. */
    CONTENT_LENGTH_OVERFLOW(
            509,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length: 2^64 + N (a reader that overflows silently reads N), then close.",
            grantUnder(OK, JSON, "Content-Length: $WRAPLEN").thenClose(),
            CLOSES),
    /**
     * 510: Content-Length 100 bytes longer than the body, then the connection idles (until the client leaves or the
     * stall cap).
     */
    CONTENT_LENGTH_LONGER_IDLE(
            510,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length 100 bytes longer than"
                    + " the body, then the connection idles (until the client leaves or the stall cap).",
            Specials.longerThenHold(100),
            STALLS),
    /** 511: Content-Length 100 bytes longer than the body, then close (a truncated body). */
    CONTENT_LENGTH_LONGER_CLOSE(
            511,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length 100 bytes longer than the body, then close (a truncated body).",
            grantUnder(OK, JSON, "Content-Length: $LEN+100").thenClose(),
            CLOSES),
    /**
     * 512: Content-Length 20 bytes shorter than the body: the framed body is cut JSON, the last 20 bytes are left on
     * the kept-alive connection.
     */
    CONTENT_LENGTH_SHORTER(
            512,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length 20 bytes shorter than the"
                    + " body: the framed body is cut JSON, the last 20 bytes are left on the kept-alive connection.",
            grantUnder(OK, JSON, "Content-Length: $LEN-20"),
            LEFTOVER_BYTES),
    /** 513: Content-Length (of the plain body) and Transfer-Encoding: chunked, chunked body, then close. */
    CONTENT_LENGTH_AND_CHUNKED(
            513,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length (of the plain body) and Transfer-Encoding: chunked, chunked body, then close.",
            chunkedReply(GRANT_BODY, 32, OK, JSON, LENGTH, "Transfer-Encoding: chunked")
                    .thenClose(),
            CLOSES),
    /** 514: Transfer-Encoding: chunked, then Content-Length (of the plain body), chunked body, then close. */
    CHUNKED_AND_CONTENT_LENGTH(
            514,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Transfer-Encoding: chunked, then Content-Length (of the plain body), chunked body, then close.",
            chunkedReply(GRANT_BODY, 32, OK, JSON, "Transfer-Encoding: chunked", LENGTH)
                    .thenClose(),
            CLOSES),
    /** 515: Transfer-Encoding: gzip, chunked over a chunked plain body, then close. */
    TRANSFER_ENCODING_GZIP_CHUNKED(
            515,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Transfer-Encoding: gzip, chunked over a chunked plain body, then close.",
            chunkedReply(GRANT_BODY, 32, OK, JSON, "Transfer-Encoding: gzip, chunked")
                    .thenClose(),
            CLOSES),
    /** 516: Transfer-Encoding: xchunked over a chunked body, then close. */
    TRANSFER_ENCODING_UNKNOWN(
            516,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Transfer-Encoding: xchunked over a chunked body, then close.",
            chunkedReply(GRANT_BODY, 32, OK, JSON, "Transfer-Encoding: xchunked")
                    .thenClose(),
            CLOSES),
    /** 517: Transfer-Encoding: identity (removed from HTTP/1.1) over the plain body, then close. */
    TRANSFER_ENCODING_IDENTITY(
            517,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Transfer-Encoding: identity (removed from HTTP/1.1) over the plain body, then close.",
            grantUnder(OK, JSON, "Transfer-Encoding: identity").thenClose(),
            CLOSES),
    /** 518: Transfer-Encoding: chunked, chunked over a body chunked once, then close. */
    TRANSFER_ENCODING_CHUNKED_TWICE(
            518,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Transfer-Encoding: chunked, chunked over a body chunked once, then close.",
            chunkedReply(GRANT_BODY, 32, OK, JSON, "Transfer-Encoding: chunked, chunked")
                    .thenClose(),
            CLOSES),
    /**
     * 519: Transfer-Encoding: chunked and a second Transfer-Encoding: identity (chunked is then not the last coding),
     * then close.
     */
    TRANSFER_ENCODING_TWO_HEADERS(
            519,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Transfer-Encoding: chunked and a"
                    + " second Transfer-Encoding: identity (chunked is then not the last coding), then close.",
            chunkedReply(GRANT_BODY, 32, OK, JSON, "Transfer-Encoding: chunked", "Transfer-Encoding: identity")
                    .thenClose(),
            CLOSES),
    /** 520: A chunk size "zz", then close. */
    CHUNK_SIZE_NOT_HEX(
            520,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "A chunk size \"zz\", then close.",
            Specials.chunkedWith(body -> Kinds.concat(Kinds.latin1("zz\r\n"), body, Kinds.latin1("\r\n0\r\n\r\n")))
                    .thenClose(),
            CLOSES),
    /** 521: A chunk size with a 0x prefix, then close. */
    CHUNK_SIZE_0X(
            521,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "A chunk size with a 0x prefix, then close.",
            Specials.chunkedWith(body -> Kinds.concat(
                            Kinds.latin1("0x" + Integer.toHexString(body.length) + "\r\n"),
                            body,
                            Kinds.latin1("\r\n0\r\n\r\n")))
                    .thenClose(),
            CLOSES),
    /** 522: A negative chunk size, then close. */
    CHUNK_SIZE_NEGATIVE(
            522,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "A negative chunk size, then close.",
            Specials.chunkedWith(body -> Kinds.concat(
                            Kinds.latin1("-" + Integer.toHexString(body.length) + "\r\n"),
                            body,
                            Kinds.latin1("\r\n0\r\n\r\n")))
                    .thenClose(),
            CLOSES),
    /** 523: A 17-hex-digit chunk size, 2^64 + N (a reader that overflows silently reads N), then close. */
    CHUNK_SIZE_OVERFLOW(
            523,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "A 17-hex-digit chunk size, 2^64 + N (a reader that overflows silently reads N), then close.",
            Specials.chunkedWith(body -> Kinds.concat(
                            Kinds.latin1(String.format("1%016x\r\n", body.length)),
                            body,
                            Kinds.latin1("\r\n0\r\n\r\n")))
                    .thenClose(),
            CLOSES),
    /** 524: A chunk size 100 bytes larger than the data that follows, then close. */
    CHUNK_SIZE_TOO_BIG(
            524,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "A chunk size 100 bytes larger than the data that follows, then close.",
            Specials.chunkedWith(
                            body -> Kinds.concat(Kinds.latin1(Integer.toHexString(body.length + 100) + "\r\n"), body))
                    .thenClose(),
            CLOSES),
    /** 525: Chunk data not followed by CRLF, then close. */
    CHUNK_DATA_WITHOUT_CRLF(
            525,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Chunk data not followed by CRLF, then close.",
            Specials.chunkedWith(body -> Kinds.concat(
                            Kinds.latin1(Integer.toHexString(body.length) + "\r\n"), body, Kinds.latin1("0\r\n\r\n")))
                    .thenClose(),
            CLOSES),
    /** 526: Every data chunk but no last chunk, then close. */
    CHUNK_LAST_MISSING_CLOSE(
            526,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Every data chunk but no last chunk, then close.",
            Specials.chunkedWith(body -> Kinds.prefix(Kinds.chunks(body, 64), Kinds.chunks(body, 64).length - 5))
                    .thenClose(),
            CLOSES),
    /**
     * 527: Every data chunk but no last chunk, then the connection idles (until the client leaves or the stall cap).
     */
    CHUNK_LAST_MISSING_IDLE(
            527,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Every data chunk but no last chunk, then"
                    + " the connection idles (until the client leaves or the stall cap).",
            Specials.chunksWithoutEndThenHold(),
            STALLS),
    /** 528: An empty chunk-size line before the first chunk, then close. */
    CHUNK_SIZE_EMPTY(
            528,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "An empty chunk-size line before the first chunk, then close.",
            Specials.chunkedWith(body -> Kinds.concat(Kinds.latin1("\r\n"), Kinds.chunks(body, 64)))
                    .thenClose(),
            CLOSES),
    /**
     * 529: Neither Content-Length nor Transfer-Encoding: the body runs to the close (legal HTTP/1.1 framing, but the
     * definition requires a length or chunking: a cut connection would look like a complete body).
     */
    CLOSE_DELIMITED(
            529,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Neither Content-Length nor Transfer-Encoding:"
                    + " the body runs to the close (legal HTTP/1.1 framing, but the definition requires a length or"
                    + " chunking: a cut connection would look like a complete body).",
            grantUnder(OK, JSON).thenClose(),
            CLOSES),
    /** 530: Status line and header lines but no blank line and no body, then close. */
    HEADERS_THEN_EOF(
            530,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Status line and header lines but no blank line and no body, then close.",
            Specials.headersThenEof(),
            CLOSES),
    /** 531: Half the grant body, then a TCP reset. */
    RESET_MID_BODY(
            531,
            BROKEN_FRAMING,
            UNAVAILABLE,
            UNAVAILABLE,
            "Half the grant body, then a TCP reset.",
            Specials.resetMidBody(),
            CLOSES),

    // ---- 600-699 answers that outlive their call -----------------------------------------------------------

    /**
     * 600: A framed denial, then at once a complete extra 200 grant response on the kept-alive connection (a pooled
     * connection hands it to the next call).
     */
    DENIAL_THEN_GRANT_RESPONSE(
            600,
            OUTLIVING,
            DENIED,
            DENIED,
            "A framed denial, then at once a complete extra 200"
                    + " grant response on the kept-alive connection (a pooled connection hands it to the next call).",
            Specials.then(Kinds.ok(DENIAL_BODY), Kinds.ok(GRANT_BODY)),
            LEFTOVER_BYTES),
    /** 601: A framed 401 OAU-128, then the start of a 200 response left on the kept-alive connection. */
    TOKEN_EXPIRED_WITH_LEFTOVER(
            601,
            OUTLIVING,
            UNAUTHENTICATED,
            UNAUTHENTICATED,
            "A framed 401 OAU-128, then the start of a 200 response left on the kept-alive connection.",
            Specials.withLeftover(
                    error("HTTP/1.1 401 Unauthorized", errorJson("TokenInvalid", "OAU-128", "Access token expired")),
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Le"),
            LEFTOVER_BYTES),
    /** 602: A framed denial; 300 ms later, on the idle kept-alive connection, a complete 200 grant response. */
    LATE_GRANT_AFTER_DENIAL(
            602,
            OUTLIVING,
            DENIED,
            DENIED,
            "A framed denial; 300 ms later, on the idle kept-alive connection, a complete 200 grant response.",
            Specials.late(Kinds.ok(DENIAL_BODY), Duration.ofMillis(300), Kinds.ok(GRANT_BODY)),
            LEFTOVER_BYTES,
            DELAYED),
    /**
     * 603: A genuine grant; 300 ms later a second, unasked grant response on the idle connection (this call is granted;
     * the next one on the connection must not take the stray answer).
     */
    LATE_GRANT_AFTER_GRANT(
            603,
            OUTLIVING,
            GRANT,
            GRANT,
            "A genuine grant; 300 ms later a second, unasked grant"
                    + " response on the idle connection (this call is granted; the next one on the connection must not"
                    + " take the stray answer).",
            Specials.late(Kinds.ok(GRANT_BODY), Duration.ofMillis(300), Kinds.ok(GRANT_BODY)),
            LEFTOVER_BYTES,
            DELAYED),
    /** 604: A framed denial; 2 s later a complete grant response on the idle connection. */
    LATE_GRANT_AFTER_DENIAL_2S(
            604,
            OUTLIVING,
            DENIED,
            DENIED,
            "A framed denial; 2 s later a complete grant response on the idle connection.",
            Specials.late(Kinds.ok(DENIAL_BODY), Duration.ofSeconds(2), Kinds.ok(GRANT_BODY)),
            LEFTOVER_BYTES,
            DELAYED),
    /**
     * 605: A genuine grant, then at once an extra complete denial response (this call is granted; the next call on the
     * connection must not read the denial).
     */
    GRANT_THEN_DENIAL_RESPONSE(
            605,
            OUTLIVING,
            GRANT,
            GRANT,
            "A genuine grant, then at once an extra complete denial"
                    + " response (this call is granted; the next call on the connection must not read the denial).",
            Specials.then(Kinds.ok(GRANT_BODY), Kinds.ok(DENIAL_BODY)),
            LEFTOVER_BYTES),
    /** 606: A framed 429 with Retry-After: 7, then at once a complete grant response. */
    RATE_LIMITED_THEN_GRANT(
            606,
            OUTLIVING,
            UNAVAILABLE,
            UNAVAILABLE,
            "A framed 429 with Retry-After: 7, then at once a complete grant response.",
            Specials.then(
                    error(
                            "HTTP/1.1 429 Too Many Requests",
                            errorJson("CMN-301", "CMN-301", "Request rate exceeded"),
                            "Retry-After: 7"),
                    Kinds.ok(GRANT_BODY)),
            LEFTOVER_BYTES),
    /** 607: A framed 401 OAU-128; 300 ms later a complete grant response on the idle connection. */
    LATE_GRANT_AFTER_TOKEN_EXPIRED(
            607,
            OUTLIVING,
            UNAUTHENTICATED,
            UNAUTHENTICATED,
            "A framed 401 OAU-128; 300 ms later a complete grant response on the idle connection.",
            Specials.late(
                    error("HTTP/1.1 401 Unauthorized", errorJson("TokenInvalid", "OAU-128", "Access token expired")),
                    Duration.ofMillis(300),
                    Kinds.ok(GRANT_BODY)),
            LEFTOVER_BYTES,
            DELAYED),
    /** 608: A chunked denial, then at once a complete grant response. */
    CHUNKED_DENIAL_THEN_GRANT(
            608,
            OUTLIVING,
            DENIED,
            DENIED,
            "A chunked denial, then at once a complete grant response.",
            Specials.then(chunkedReply(DENIAL_BODY, 32, OK, JSON, "Transfer-Encoding: chunked"), Kinds.ok(GRANT_BODY)),
            LEFTOVER_BYTES),

    // ---- 700-799 resource attacks --------------------------------------------------------------------------

    /**
     * 700: The grant's opening, then ,"future":{"a":[1,{"x": and nothing more (Content-Length promises 1000 more
     * bytes); the connection stays open.
     */
    BODY_CUT_IN_UNREAD_IDLE(
            700,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The grant's opening, then"
                    + " ,\"future\":{\"a\":[1,{\"x\": and nothing more (Content-Length promises 1000 more bytes); the"
                    + " connection stays open.",
            Specials.cutInUnread(true),
            STALLS),
    /** 701: The same cut body, then close. */
    BODY_CUT_IN_UNREAD_CLOSE(
            701,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The same cut body, then close.",
            Specials.cutInUnread(false),
            CLOSES),
    /** 702: Chunked: the grant's opening, then "deep": and 100,000 "[" that never close; the connection stays open. */
    UNTERMINATED_DEEP_ARRAY(
            702,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "Chunked: the grant's opening, then \"deep\":"
                    + " and 100,000 \"[\" that never close; the connection stays open.",
            Specials.unterminatedDeepArray(),
            STALLS),
    /** 703: The head at once, then the body one byte every 500 ms (never complete within the stall cap). */
    DRIP_BODY(
            703,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The head at once, then the body one byte every 500 ms (never complete within the stall cap).",
            Specials.dripBody(Duration.ofMillis(500)),
            STALLS),
    /** 704: The whole response, status line first, one byte every 500 ms. */
    DRIP_WHOLE_RESPONSE(
            704,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The whole response, status line first, one byte every 500 ms.",
            Specials.dripWhole(Duration.ofMillis(500)),
            STALLS),
    /** 705: The status line, then one more header line every 250 ms, never the blank line. */
    HEADERS_NEVER_END(
            705,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The status line, then one more header line every 250 ms, never the blank line.",
            Specials.headersNeverEnd(Duration.ofMillis(250)),
            STALLS),
    /** 706: The status line, then 1 KB header lines as fast as the client reads, never the blank line. */
    HEADER_FLOOD(
            706,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The status line, then 1 KB header lines as fast as the client reads, never the blank line.",
            Specials.headerFlood(),
            STALLS),
    /** 707: The request is read and never answered; the connection stays open. */
    NEVER_ANSWERED(
            707,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The request is read and never answered; the connection stays open.",
            Specials.neverAnswered(),
            STALLS),
    /** 708: Chunked: the grant's opening, then an unread string that never ends, 8 KiB chunk after chunk. */
    ENDLESS_CHUNKED(
            708,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "Chunked: the grant's opening, then an unread string that never ends, 8 KiB chunk after chunk.",
            Specials.endlessChunked(),
            STALLS),
    /** 709: Chunked: the whole grant object, then whitespace chunk after chunk, never the last chunk. */
    ENDLESS_WHITESPACE(
            709,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "Chunked: the whole grant object, then whitespace chunk after chunk, never the last chunk.",
            Specials.endlessWhitespace(),
            STALLS),
    /** 710: 100 Continue every 100 ms, never a final response. */
    ENDLESS_INTERIM(
            710,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "100 Continue every 100 ms, never a final response.",
            Specials.endlessInterim(Duration.ofMillis(100)),
            STALLS),
    /**
     * 711: Content-Length: 9223372036854775807 (a reader that allocates up front fails), the grant body, then close.
     */
    HUGE_CONTENT_LENGTH(
            711,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "Content-Length: 9223372036854775807 (a reader that"
                    + " allocates up front fails), the grant body, then close.",
            grantUnder(OK, JSON, "Content-Length: 9223372036854775807").thenClose(),
            CLOSES),
    /** 712: The request is read, then the connection is closed without a byte. */
    CLOSE_WITHOUT_ANSWER(
            712,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The request is read, then the connection is closed without a byte.",
            Specials.closeWithoutAnswer(),
            CLOSES),
    /** 713: The request is read, then the connection is reset (TCP RST). */
    RESET_WITHOUT_ANSWER(
            713,
            RESOURCE,
            UNAVAILABLE,
            UNAVAILABLE,
            "The request is read, then the connection is reset (TCP RST).",
            Specials.resetWithoutAnswer(),
            CLOSES);

    private static final Pattern TOKEN = Pattern.compile("kind-([0-9]{1,4})(?:-.*)?", Pattern.DOTALL);
    private static final Map<Integer, AnswerKind> BY_NUMBER = new HashMap<>();

    static {
        for (AnswerKind kind : values()) {
            if (BY_NUMBER.put(kind.number, kind) != null) {
                throw new ExceptionInInitializerError("Two kinds numbered " + kind.number);
            }
        }
    }

    private final int number;
    private final KindGroup group;
    private final Label permission;
    private final Label firstFeature;
    private final Label laterFeatures;
    private final String description;
    private final Responder responder;
    private final Set<Trait> traits;

    /** A kind that answers 200, {@code application/json}, a correct Content-Length and {@code body}. */
    AnswerKind(
            int number,
            KindGroup group,
            Label permission,
            Label features,
            String description,
            Kinds.Body body,
            Trait... traits) {
        this(number, group, permission, features, features, description, ok(body), traits);
    }

    AnswerKind(
            int number,
            KindGroup group,
            Label permission,
            Label firstFeature,
            Label laterFeatures,
            String description,
            Kinds.Body body,
            Trait... traits) {
        this(number, group, permission, firstFeature, laterFeatures, description, ok(body), traits);
    }

    AnswerKind(
            int number,
            KindGroup group,
            Label permission,
            Label features,
            String description,
            Responder responder,
            Trait... traits) {
        this(number, group, permission, features, features, description, responder, traits);
    }

    AnswerKind(
            int number,
            KindGroup group,
            Label permission,
            Label firstFeature,
            Label laterFeatures,
            String description,
            Responder responder,
            Trait... traits) {
        this.number = number;
        this.group = group;
        this.permission = permission;
        this.firstFeature = firstFeature;
        this.laterFeatures = laterFeatures;
        this.description = description;
        this.responder = responder;
        EnumSet<Trait> set = EnumSet.noneOf(Trait.class);
        set.addAll(Arrays.asList(traits));
        this.traits = Collections.unmodifiableSet(set);
    }

    /** {@return the kind's stable number, in its group's range} */
    public int number() {
        return number;
    }

    /** {@return the class of answer} */
    public KindGroup group() {
        return group;
    }

    /** {@return what the kind writes, and for the debatable ones why the label is what it is} */
    public String description() {
        return description;
    }

    /** {@return the label for a permission check} */
    public Label permissionLabel() {
        return permission;
    }

    /** {@return the label for a features call, for the first asked id (and every id, unless {@link #featureLabel(int)} differs)} */
    public Label featuresLabel() {
        return firstFeature;
    }

    /**
     * The label for the asked feature id at {@code index} (0 = the first {@code featureId} of the query).
     *
     * @param index the position of the asked feature id
     * @return its label
     */
    public Label featureLabel(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        return index == 0 ? firstFeature : laterFeatures;
    }

    /**
     * {@link #permissionLabel()} or {@link #featuresLabel()}.
     *
     * @param endpoint {@link Endpoint#PERMISSION_CHECK} or {@link Endpoint#FEATURES}
     * @return the label for that endpoint
     */
    public Label label(Endpoint endpoint) {
        return switch (endpoint) {
            case PERMISSION_CHECK -> permission;
            case FEATURES -> firstFeature;
            default -> throw new IllegalArgumentException("The hostile stand-in answers no " + endpoint);
        };
    }

    /** {@return the kind's wire behaviour beyond its label} */
    public Set<Trait> traits() {
        return traits;
    }

    /**
     * {@return whether the kind has {@code trait}}
     *
     * @param trait a wire behaviour
     */
    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** {@return the bearer token that picks this kind: {@code kind-NNN}, e.g. {@code kind-100}} */
    public String token() {
        return "kind-" + number;
    }

    /**
     * A token that picks this kind and is distinct per {@code suffix} ({@code kind-NNN-suffix}), for tests that need
     * several tokens (users) with the same kind.
     *
     * @param suffix what makes the token distinct
     * @return the token
     */
    public String token(String suffix) {
        return token() + "-" + suffix;
    }

    /**
     * The kind with this number.
     *
     * @param number the kind's number
     * @return the kind
     * @throws IllegalArgumentException when no kind has that number
     */
    public static AnswerKind byNumber(int number) {
        AnswerKind kind = BY_NUMBER.get(number);
        if (kind == null) {
            throw new IllegalArgumentException("No kind numbered " + number);
        }
        return kind;
    }

    /**
     * The kind a bearer token ({@code kind-NNN} or {@code kind-NNN-anything}) names, if any.
     *
     * @param token a bearer token
     * @return the kind, or empty
     */
    public static Optional<AnswerKind> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NUMBER.get(Integer.parseInt(m.group(1))));
    }

    Responder responder() {
        return responder;
    }

    @Override
    public String toString() {
        return number + " " + name();
    }
}

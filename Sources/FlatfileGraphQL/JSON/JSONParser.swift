import Foundation

/// Why some bytes are not valid JSON, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Zero-based byte offset of the problem in the input.
    public var offset: Int
    /// One-based line and column (in bytes) of the problem, for text a person edits.
    public var line: Int
    public var column: Int
    /// What is wrong, e.g. "expected ',' or '}' after an object member, found ']'".
    public var reason: String

    public var description: String {
        "invalid JSON at byte \(offset) (line \(line), column \(column)): \(reason)"
    }
}

extension JSONValue {
    /// The deepest nesting of arrays and objects the parser accepts. Deeper input is rejected with a
    /// `JSONParseError` instead of risking a stack overflow in code that walks the value recursively.
    public static let maximumNestingDepth = 512

    /// Parses UTF-8 JSON text, keeping object members in their order.
    ///
    /// ```swift
    /// let value = try JSONValue(parsing: Data(#"{"b":1,"a":[true,null]}"#.utf8))
    /// value.objectValue?.keys // ["b", "a"]
    /// ```
    ///
    /// - Throws: `JSONParseError` with the byte offset of the first problem.
    public init(parsing data: Data) throws {
        self = try data.withUnsafeBytes { raw in
            try JSONParser.parse(raw.bindMemory(to: UInt8.self))
        }
    }

    /// Parses JSON text, keeping object members in their order.
    ///
    /// ```swift
    /// let variables = try JSONValue(parsing: #"{"take": 50}"#)
    /// ```
    public init(parsing text: String) throws {
        var text = text
        self = try text.withUTF8 { try JSONParser.parse($0) }
    }
}

/// A single-pass parser over UTF-8 bytes. It keeps its own stack of open containers, so nesting depth is limited
/// only by `JSONValue.maximumNestingDepth`, never by the thread's stack.
///
/// The hot loops read bytes through a plain pointer and avoid generic standard-library calls per byte or per member:
/// in unoptimised (debug) builds each such call costs a metadata lookup, which dominated parsing time.
struct JSONParser {
    private let bytes: UnsafePointer<UInt8>
    private let count: Int
    private var position = 0
    private var recentStrings = RecentStrings()

    private init(bytes: UnsafePointer<UInt8>, count: Int) {
        self.bytes = bytes
        self.count = count
    }

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            throw JSONParseError(offset: 0, line: 1, column: 1, reason: "unexpected end of input, expected a value")
        }
        var parser = JSONParser(bytes: base, count: buffer.count)
        parser.skipByteOrderMark()
        let value = try parser.parseDocument()
        parser.skipWhitespace()
        if parser.position < parser.count {
            throw parser.error("unexpected \(parser.describeCurrentByte()) after the end of the JSON value")
        }
        return value
    }

    // MARK: Containers

    /// Open containers, innermost last: where each one's members start on the shared value stack, and whether it
    /// is an object (whose member names are on the key stack, one per value).
    private struct OpenContainer {
        var isObject: Bool
        var start: Int
    }

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        var open: [OpenContainer] = []
        var values: [JSONValue] = []
        var keys: [String] = []
        var recentKeyLists = RecentKeyLists()

        parsing: while true {
            // Read one value, or open a container and go round again for its first member.
            skipWhitespace()
            guard position < count else { throw error("unexpected end of input, expected a value") }
            var value: JSONValue
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                skipWhitespace()
                if position < count && bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    value = .object(JSONObject())
                } else {
                    try checkDepth(open.count)
                    open.append(OpenContainer(isObject: true, start: values.count))
                    keys.append(try parseMemberKey())
                    continue parsing
                }
            case UInt8(ascii: "["):
                position += 1
                skipWhitespace()
                if position < count && bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    try checkDepth(open.count)
                    open.append(OpenContainer(isObject: false, start: values.count))
                    continue parsing
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            default:
                throw error("unexpected \(describeCurrentByte()), expected a value")
            }

            // Attach the value to the innermost container; close containers while their closing bracket follows.
            while let container = open.last {
                values.append(value)
                skipWhitespace()
                let next: UInt8 = position < count ? bytes[position] : 0
                if next == UInt8(ascii: ",") {
                    position += 1
                    if container.isObject {
                        skipWhitespace()
                        keys.append(try parseMemberKey())
                    }
                    continue parsing
                }
                if container.isObject {
                    guard next == UInt8(ascii: "}") else {
                        throw error("expected ',' or '}' after an object member, found \(describeCurrentByte())")
                    }
                    let memberCount = values.count - container.start
                    let names = keys[(keys.count - memberCount)...]
                    let members = Self.members(of: container, on: values)
                    if let shared = recentKeyLists.matching(names) {
                        value = .object(JSONObject(keyList: shared, values: members))
                    } else {
                        let object = JSONObject(parsedKeys: Array(names), values: members)
                        recentKeyLists.remember(object.keyList)
                        value = .object(object)
                    }
                    keys.removeLast(memberCount)
                } else {
                    guard next == UInt8(ascii: "]") else {
                        throw error("expected ',' or ']' after an array element, found \(describeCurrentByte())")
                    }
                    value = .array(Self.members(of: container, on: values))
                }
                position += 1
                values.removeLast(values.count - container.start)
                open.removeLast()
            }
            return value
        }
    }

    /// The values of `container`, copied off the stack into an array of exactly their size. Not
    /// `Array(values[container.start...])`: for containers that start at the bottom of the stack (the outer levels
    /// of a response, down to its list of rows) that shares the whole stack buffer, spare capacity included, and
    /// the next removal from the stack then copies the stack.
    private static func members(of container: OpenContainer, on values: [JSONValue]) -> [JSONValue] {
        values.withUnsafeBufferPointer { stack in Array(stack[container.start...]) }
    }

    /// The key lists of the last few objects with new names, so that later objects with the same names share one
    /// instead of each holding its own. A handful is enough: a page repeats a few shapes (row, row data, message).
    private struct RecentKeyLists {
        private static let capacity = 8
        private var lists: [JSONKeyList] = []
        private var nextReplaced = 0

        func matching(_ names: ArraySlice<String>) -> JSONKeyList? {
            var slot = 0
            while slot < lists.count {
                if lists[slot].matches(names) { return lists[slot] }
                slot += 1
            }
            return nil
        }

        mutating func remember(_ list: JSONKeyList) {
            if lists.count < Self.capacity {
                lists.append(list)
            } else {
                lists[nextReplaced] = list
                nextReplaced = (nextReplaced + 1) % Self.capacity
            }
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONParseError) {
        if depth >= JSONValue.maximumNestingDepth {
            throw error("arrays and objects nest deeper than \(JSONValue.maximumNestingDepth) levels")
        }
    }

    /// Reads `"key"` and the `:` after it.
    private mutating func parseMemberKey() throws(JSONParseError) -> String {
        guard position < count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a member name in double quotes, found \(describeCurrentByte())")
        }
        let key = try parseString()
        skipWhitespace()
        guard position < count, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected ':' after the member name \"\(key)\", found \(describeCurrentByte())")
        }
        position += 1
        return key
    }

    // MARK: Scalars

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = literal.utf8Start
        let length = literal.utf8CodeUnitCount
        guard count - position >= length else { throw error("unexpected \(describeCurrentByte()), expected a value") }
        for offset in 0..<length where bytes[position + offset] != expected[offset] {
            throw error("unexpected \(describeCurrentByte()), expected a value")
        }
        position += length
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let start = position + 1
        var cursor = start
        var sawNonASCII = false
        // Fast path: no escapes, so the string is a slice of the input.
        while cursor < count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                position = cursor + 1
                return try makeString(UnsafeBufferPointer(start: bytes + start, count: cursor - start),
                                      validate: sawNonASCII, at: start)
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start, escapeAt: cursor) }
            if byte < 0x20 {
                position = cursor
                throw error("control character \(describeCurrentByte()) in a string must be escaped")
            }
            if byte >= 0x80 { sawNonASCII = true }
            cursor += 1
        }
        position = start - 1
        throw error("unterminated string")
    }

    private mutating func parseEscapedString(from start: Int, escapeAt firstEscape: Int) throws(JSONParseError)
        -> String
    {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(firstEscape - start + 16)
        buffer.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: firstEscape - start))
        var cursor = firstEscape
        while cursor < count {
            let byte = bytes[cursor]
            switch byte {
            case UInt8(ascii: "\""):
                position = cursor + 1
                return try buffer.withUnsafeBufferPointer { escaped throws(JSONParseError) in
                    try makeString(escaped, validate: true, at: start)
                }
            case UInt8(ascii: "\\"):
                position = cursor
                cursor = try appendEscape(at: cursor, to: &buffer)
            case 0..<0x20:
                position = cursor
                throw error("control character \(describeCurrentByte()) in a string must be escaped")
            default:
                buffer.append(byte)
                cursor += 1
            }
        }
        position = start - 1
        throw error("unterminated string")
    }

    /// Decodes the escape sequence starting at the backslash at `index`; returns the index after it.
    private func appendEscape(at index: Int, to buffer: inout [UInt8]) throws(JSONParseError) -> Int {
        guard index + 1 < count else { throw error(at: index, "unterminated escape sequence") }
        let simple: UInt8? = switch bytes[index + 1] {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case UInt8(ascii: "/"): UInt8(ascii: "/")
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple {
            buffer.append(simple)
            return index + 2
        }
        guard bytes[index + 1] == UInt8(ascii: "u") else {
            throw error(at: index, "invalid escape sequence '\\\(Character(Unicode.Scalar(bytes[index + 1])))'")
        }
        let unit = try hexQuad(at: index + 2)
        var next = index + 6
        var scalarValue = UInt32(unit)
        if (0xD800...0xDBFF).contains(unit) {
            // A high surrogate must be followed by an escaped low surrogate; together they are one scalar.
            guard next + 1 < count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u")
            else { throw error(at: index, "unpaired UTF-16 surrogate \\u\(hex(unit)) in a string") }
            let low = try hexQuad(at: next + 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(at: index, "unpaired UTF-16 surrogate \\u\(hex(unit)) in a string")
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            next += 6
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw error(at: index, "unpaired UTF-16 surrogate \\u\(hex(unit)) in a string")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw error(at: index, "invalid Unicode escape \\u\(hex(unit))")
        }
        if let encoded = UTF8.encode(scalar) { buffer.append(contentsOf: encoded) }
        return next
    }

    private func hexQuad(at index: Int) throws(JSONParseError) -> UInt16 {
        guard index + 4 <= count else { throw error(at: index, "expected four hexadecimal digits after \\u") }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(at: index + offset, "expected four hexadecimal digits after \\u")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private func hex(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    private mutating func makeString(_ utf8: UnsafeBufferPointer<UInt8>, validate: Bool, at start: Int)
        throws(JSONParseError) -> String
    {
        // Bytes equal to a string read before are valid UTF-8 too.
        if let repeated = recentStrings.string(equalTo: utf8) { return repeated }
        let string: String
        if !validate {
            string = String.fromASCII(utf8)
        } else if let valid = String.validatingUTF8(utf8) {
            string = valid
        } else {
            throw error(at: start, "string is not valid UTF-8")
        }
        recentStrings.remember(string, for: utf8)
        return string
    }

    /// Strings read recently that are too long for Swift to keep inside the value, by a hash of their bytes: a value
    /// repeated down a column (a department, a batch id, a timestamp) is then one allocation, not one per row. A slot
    /// holds the last string that hashed to it, so a collision costs only the saving, never a wrong string.
    private struct RecentStrings {
        private static let slotBits = 10
        /// Swift keeps strings of up to 15 UTF-8 bytes inside the value; sharing those would save nothing.
        private static let inlineLimit = 15
        /// Allocated at the first long string, so that small documents never pay for it.
        private var slots: [String] = []

        mutating func string(equalTo utf8: UnsafeBufferPointer<UInt8>) -> String? {
            guard utf8.count > Self.inlineLimit, !slots.isEmpty, let bytes = utf8.baseAddress else { return nil }
            var candidate = slots[Self.slot(for: utf8)]
            guard candidate.utf8.count == utf8.count else { return nil }
            let equal = candidate.withUTF8 { memcmp($0.baseAddress!, bytes, utf8.count) == 0 }
            return equal ? candidate : nil
        }

        mutating func remember(_ string: String, for utf8: UnsafeBufferPointer<UInt8>) {
            guard utf8.count > Self.inlineLimit else { return }
            if slots.isEmpty { slots = Array(repeating: "", count: 1 << Self.slotBits) }
            slots[Self.slot(for: utf8)] = string
        }

        /// FNV-1a over 8-byte words (the last one overlapping the one before, as there are at least 16 bytes); the top
        /// bits of the product depend on every byte.
        private static func slot(for utf8: UnsafeBufferPointer<UInt8>) -> Int {
            let prime: UInt64 = 0x100_0000_01B3
            let raw = UnsafeRawPointer(utf8.baseAddress!)
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(utf8.count)
            var offset = 0
            while offset + 8 < utf8.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
                offset += 8
            }
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: utf8.count - 8, as: UInt64.self)) &* prime
            return Int(truncatingIfNeeded: hash >> (64 - UInt64(slotBits)))
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        var cursor = position
        let negative = bytes[cursor] == UInt8(ascii: "-")
        if negative { cursor += 1 }

        // Integer part: "0" or a non-zero digit followed by digits. Accumulated negatively so Int.min fits.
        guard cursor < count, isDigit(bytes[cursor]) else {
            throw error(at: cursor, "expected a digit after '-'")
        }
        var accumulator = 0
        var overflowed = false
        if bytes[cursor] == UInt8(ascii: "0") {
            cursor += 1
        } else {
            while cursor < count, isDigit(bytes[cursor]) {
                let digit = Int(bytes[cursor] - UInt8(ascii: "0"))
                let (times10, overflow1) = accumulator.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times10.subtractingReportingOverflow(digit)
                overflowed = overflowed || overflow1 || overflow2
                accumulator = next
                cursor += 1
            }
        }

        var isInteger = true
        if cursor < count, bytes[cursor] == UInt8(ascii: ".") {
            isInteger = false
            cursor += 1
            guard cursor < count, isDigit(bytes[cursor]) else {
                throw error(at: cursor, "expected a digit after the decimal point")
            }
            while cursor < count, isDigit(bytes[cursor]) { cursor += 1 }
        }
        if cursor < count, bytes[cursor] == UInt8(ascii: "e") || bytes[cursor] == UInt8(ascii: "E") {
            isInteger = false
            cursor += 1
            if cursor < count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") {
                cursor += 1
            }
            guard cursor < count, isDigit(bytes[cursor]) else {
                throw error(at: cursor, "expected a digit in the exponent")
            }
            while cursor < count, isDigit(bytes[cursor]) { cursor += 1 }
        }
        if cursor < count, isDigit(bytes[cursor]) {
            throw error(at: cursor, "a number must not have leading zeros")
        }
        position = cursor

        if isInteger && !overflowed {
            if negative { return .int(accumulator) }
            let (positive, overflow) = (0).subtractingReportingOverflow(accumulator)
            if !overflow { return .int(positive) }
        }
        let text = String.fromASCII(UnsafeBufferPointer(start: bytes + start, count: cursor - start))
        guard let double = Double(text), double.isFinite else {
            throw error(at: start, "number \(text) is out of the range of a 64-bit floating-point value")
        }
        return .double(double)
    }

    // MARK: Bytes

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipWhitespace() {
        while position < count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    private mutating func skipByteOrderMark() {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    private func describeCurrentByte() -> String {
        guard position < count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private func error(_ reason: String) -> JSONParseError {
        error(at: position, reason)
    }

    private func error(at offset: Int, _ reason: String) -> JSONParseError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return JSONParseError(offset: offset, line: line, column: offset - lineStart + 1, reason: reason)
    }
}

extension String {
    /// The string for bytes known to be ASCII, through a non-generic initializer (cheap in debug builds too).
    static func fromASCII(_ ascii: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: ascii.count) { destination in
            if let target = destination.baseAddress, let source = ascii.baseAddress {
                UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: ascii.count)
            }
            return ascii.count
        }
    }

    /// The string for `utf8`, or `nil` when the bytes are not valid UTF-8.
    static func validatingUTF8(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            return String(validating: utf8, as: UTF8.self)
        }
        return String(bytes: utf8, encoding: .utf8)
    }
}

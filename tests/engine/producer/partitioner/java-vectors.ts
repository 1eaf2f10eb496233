/**
 * murmur2 vectors computed by the JVM (Java 17) from a line-for-line copy of Kafka's Utils.murmur2
 * and the UTF-8 encoding of String.getBytes(StandardCharsets.UTF_8), so the TypeScript port is
 * checked against Java's int arithmetic rather than against itself. Regenerate only from Java.
 */

/** [input bytes as hex, Utils.murmur2(input)] for pseudo-random inputs of every length 0..40 and a few more. */
export const JAVA_MURMUR2_RANDOM_VECTORS: ReadonlyArray<readonly [string, number]> = [
  ["", 275646681],
  ["ba", -1017025936],
  ["eefc", -1458455846],
  ["2123ce", 1452415310],
  ["1becf4ac", -325303167],
  ["f7b13aee72", -326058402],
  ["b392c7fddc36", -662326025],
  ["eb155bab16d8af", -504882593],
  ["9c21c7ddb3e997a4", 736531378],
  ["8e5935b31824fc0f43", -351740164],
  ["de5fd1821629389c030e", 566267525],
  ["745489eacbad8cb5557d56", -1311802080],
  ["44bd612a60e9dde8c9bc200b", -1795509623],
  ["5f1fae6bfc8abe01e82fd1e602", 1218888690],
  ["6f42a0931760d5651af8a640a978", 1814957136],
  ["0a58bfbb9c60f372fb841c666ff746", 240621188],
  ["65828364467811d7865f632f3ad9f901", 625047902],
  ["0349e93a549ce222f5d5c7b618a9c99ca2", 401731351],
  ["9dd6a3523eaba9117161391a572f4bc8e66d", -335485839],
  ["e0bad1687c3efda9f7e1bb7677bf05bbde9497", -1709263188],
  ["f4c3d9f5b94fc226eb9d9b1c0b56f60e0aea80da", 309627874],
  ["19f7c6984849379b8840e0759da5e0e7fec61d724f", -1237747538],
  ["8bd81487a73fd59f1e937760140bf8bc6189b5d6fa2f", -1656633405],
  ["a1eacb0bd02e551ab51611032d6fd3d60435b70df51af7", 334660934],
  ["125edefcd07330944039a33e82a7a344a62ca33fe64ee151", 582146579],
  ["2a73ced5985c9440482d8c93949b17741ddba86b4dcb84ebbb", 1888503117],
  ["1536ac00d503431cc01f0d623462c1e5f0ed79899db2f62b6d40", -577244972],
  ["1902bf3f6da77431ad553e69c20e2e790bf15a2044a08c44ccfc22", -1893882237],
  ["f29cdb5a2609d88a98cb341f3db8fe6f086de44b87f30e9223795ea4", -555561422],
  ["d881cb7f3e0d83890e30675bb1bb2b5f761415868fa548136455f22cd2", 1984582371],
  ["925526c68a4a8cf53fcdac56ca9b97c72c3571826829fc52e49057adcc0d", -346171269],
  ["f027ba6260e10cc6eda992426785a818989f7e193a9ef4914c7b18b2404331", 1982264397],
  ["8d25a09322c8a46f8f1676ab0142f607d4fbd371be5c0e9764219dc291870fdf", -1544130804],
  ["2868f12882452a55600f703c85d5024e620d37db423f00fdfbb331b7d56c247821", 415058624],
  ["08277c12df70cdb5d2d893fca63bf74727c08a0a61847d3857f54539ff574b699047", -2066134920],
  ["4f3ca9713fa4ecb367aae0666368fcbcec102d1316e69f29ecae283dc96534e238ecda", -1930816612],
  ["124a334452e24902008e65dc732121ed43e95d03376fc643b74a47ffe4d8aa8e09618ae7", 1689221956],
  ["7709fe969b6215c2d6f3b481c78087efd19b679331405067e2acfe1dd59ea988caab05ece6", -2123079531],
  ["7478edeabac877e5d197627863d7426087e9efc69b42ff78a31390d226b0bf52b29ea3a5ed09", 282184641],
  ["f08677814eff5c49687bfedb714fa4903e327f1bb5b8c2367bb1fbee621c5ca20e3e622f436b5d", 1977751459],
  ["e25e5182e796adf13c18583e81dc381fbbc3bbd1ce996b25abc3897d6c49b0279254b7cc7b93a38f", -1419749081],
  ["8b60a1a4e32c53ba1ee0ca0a6e60ef9343490c08dda5593d23132b2bd4dcbd02", 675234684],
  ["6815a5b0eee34442a23fbf1419f2395d69f9526cc8b128a92196604ac5a8806d4413e866", 1728441285],
  ["b49f24a29049ffbaa2379c65c523e9", 727644194],
  ["dd0d4cbc74d62c2513870a3ab692436b21ca699c367f016d6c5018dc328fc0d50082", 474899398],
  ["a8c72481df4e7ac998a9f03c9929113b813c91fe816b224517a86d75d669cafb415d098a090f", -823059916],
  ["82df3672bdc450cb839c6a3f193e16e396", 775474863],
  ["3283974406dc089a6cbd74ff4c2815b9f89f3f5095eb3a94c7e2", 1519280445],
  ["", 275646681],
  ["b91deaee16886c564f637418869fd6602d60f5eef969d293833f2c532c2487", 130346635],
];

/** [input bytes as hex, Utils.murmur2(input)] for runs of 0xff, 0x80 and 0x00 (sign bits, the 1-3 byte tails). */
export const JAVA_MURMUR2_EDGE_VECTORS: ReadonlyArray<readonly [string, number]> = [
  ["ff", -311467685],
  ["80", 857690492],
  ["00", 375494588],
  ["ffff", -1642832928],
  ["8080", -1145267538],
  ["0000", 595382058],
  ["ffffff", 1548199422],
  ["808080", -1134684817],
  ["000000", 1013532917],
  ["ffffffff", 644171429],
  ["80808080", -95523324],
  ["00000000", 850957120],
  ["ffffffffff", -363838622],
  ["8080808080", -1525148316],
  ["0000000000", 263274959],
  ["ffffffffffff", 28450676],
  ["808080808080", 338506600],
  ["000000000000", 254929376],
  ["ffffffffffffff", -71293549],
  ["80808080808080", -1845943597],
  ["00000000000000", 1067877175],
  ["ffffffffffffffff", 185950397],
  ["8080808080808080", 343739557],
  ["0000000000000000", -522759933],
  ["ffffffffffffffffff", 1612811207],
  ["808080808080808080", -1141466787],
  ["000000000000000000", 1714106139],
];

/** The partition counts used by JAVA_STRING_KEY_VECTORS, in the order of its partition lists. */
export const PARTITION_COUNTS = [1, 2, 3, 6, 10, 12, 100] as const;

/**
 * [string key, its UTF-8 bytes as hex per Java, Utils.murmur2 of them,
 *  BuiltInPartitioner.partitionForKey for each of PARTITION_COUNTS].
 * The last four keys hold lone surrogates, which Java encodes as '?' (0x3f).
 */
export const JAVA_STRING_KEY_VECTORS: ReadonlyArray<
  readonly [string, string, number, readonly number[]]
> = [
  ["", "", 275646681, [0, 1, 0, 3, 1, 9, 81]],
  ["key", "6b6579", -1079937367, [0, 1, 1, 1, 1, 1, 81]],
  ["a", "61", -1563381124, [0, 0, 1, 4, 4, 4, 24]],
  ["ab", "6162", 316155434, [0, 0, 2, 2, 4, 2, 34]],
  ["abc", "616263", 479470107, [0, 1, 0, 3, 7, 3, 7]],
  ["abcd", "61626364", -1323649548, [0, 0, 2, 2, 0, 8, 0]],
  ["user-1", "757365722d31", 1404122828, [0, 0, 2, 2, 8, 8, 28]],
  ["user-2", "757365722d32", -324981792, [0, 0, 2, 2, 6, 8, 56]],
  ["user-42", "757365722d3432", 1459644460, [0, 0, 1, 4, 0, 4, 60]],
  ["order-1001", "6f726465722d31303031", 297523878, [0, 0, 0, 0, 8, 6, 78]],
  ["21", "3231", -973932308, [0, 0, 0, 0, 0, 0, 40]],
  ["foobar", "666f6f626172", -790332482, [0, 0, 0, 0, 6, 6, 66]],
  ["h\u00e9llo", "68c3a96c6c6f", 614509002, [0, 0, 0, 0, 2, 6, 2]],
  ["\u65e5\u672c\u8a9e", "e697a5e69cace8aa9e", 1431860170, [0, 0, 1, 4, 0, 10, 70]],
  ["\u043a\u043b\u044e\u0447", "d0bad0bbd18ed187", 2122343024, [0, 0, 2, 2, 4, 8, 24]],
  ["\ud83c\udf89party", "f09f8e897061727479", -865225125, [0, 1, 2, 5, 3, 11, 23]],
  ["emoji\ud83d\ude00", "656d6f6a69f09f9880", 1345306000, [0, 0, 1, 4, 0, 4, 0]],
  ["lone\ud800surrogate", "6c6f6e653f737572726f67617465", 58202710, [0, 0, 1, 4, 0, 10, 10]],
  ["\udc00", "3f", -323429624, [0, 0, 0, 0, 4, 0, 24]],
  ["tail\ud83d", "7461696c3f", -423636138, [0, 0, 2, 2, 0, 2, 10]],
  ["\ud83d\ud83d\ude00", "3ff09f9880", 235169067, [0, 1, 0, 3, 7, 3, 67]],
  ["\ude00\ud83d", "3f3f", -949127636, [0, 0, 0, 0, 2, 0, 12]],
];

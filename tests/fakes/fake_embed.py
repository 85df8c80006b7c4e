"""The fakes' embedding model: POST /v1/embeddings as OpenAI's CreateEmbeddingRequest and CreateEmbeddingResponse
describe it, with vectors that carry what a text's words say, so a classifier trained on them learns.

Request: `model` (any name; see NATIVE_DIMENSIONS), `input` (a string, an array of strings, an array of token
ids or an array of arrays of token ids, as the spec's oneOf allows), `encoding_format` ("float", the default,
or "base64": the little-endian float32 bytes), `dimensions` (an integer from 1 to the model's length, for
models whose name starts with "text-embedding-3" only), `user` (a string). Anything else is refused with a
400 in OpenAI's error shape, as is breaking OpenAI's limits: 1 to 2048 inputs, each non-empty and at most
8192 tokens, at most 300,000 tokens in all. Tokens are counted as chat prompts are (fake_sim.count_tokens:
whitespace-separated words), at least 1 for a non-empty string; a token array counts its ids.

Vectors: a text's words are its runs of letters, digits and underscores (regex \\w+), lowercased. Each word
has a fixed Gaussian vector: its components are standard normal quantiles picked two bytes at a time by
shake_256("word:" + word), a stable hash (the same on every machine and run, unlike Python's salted hash()).
A text's vector is the mean of its words' vectors (each as often as it occurs) plus NOISE times a Gaussian
vector picked alike by shake_256("text:" + text), normalised to length 1. Texts sharing words point the same
way, so texts of one class lie closer together than texts of two; the noise keeps apart texts that have the
same words in another order. A token array's words are "#<id>" for each id, its text the ids joined by ",".
`dimensions` keeps the first that many components and normalises again, as OpenAI's shortening does: the
shortened vector is the start of the full one, rescaled.

Float answers give each component with 9 significant digits, enough to read back the exact float32 the
base64 answer holds.
"""
import array
import base64
import hashlib
import math
import re
import statistics
import sys

from fake_sim import count_tokens

MAX_INPUTS = 2048
MAX_INPUT_TOKENS = 8192
MAX_REQUEST_TOKENS = 300_000
DEFAULT_DIMENSIONS = 1536
NATIVE_DIMENSIONS = {"text-embedding-3-large": 3072, "BAAI/bge-base-en-v1.5": 768}
SHORTENABLE = "text-embedding-3"  # "Only supported in text-embedding-3 and later models."
ARGUMENTS = {"model", "input", "encoding_format", "dimensions", "user"}
NOISE = 0.05
WORD = re.compile(r"\w+")

# Gaussian components without numpy: the standard normal's quantiles at the midpoints of 65,536 equal steps,
# so two bytes of a hash pick one component. Word vectors are held as fixed-point integers (SCALE per unit,
# raised by OFFSET to stay positive), FIELD_BITS each, packed into one Python integer: adding two packed
# integers adds every component at once, which a loop over components in Python would take far longer to do.
FIELD_BITS, SCALE, OFFSET = 32, 4096, 1 << 15
QUANTILES = [statistics.NormalDist().inv_cdf((i + 0.5) / 65536) for i in range(65536)]
FIXED = [round(z * SCALE) + OFFSET for z in QUANTILES]  # each within (0, 2^16)
NOISY = [NOISE * z for z in QUANTILES]
# A field holds the sum of this many words' components before it could overflow into its neighbour.
WORDS_PER_SUM = (1 << FIELD_BITS) // (1 << 16) - 1
CACHE_BYTES = 64 << 20  # word vectors kept; past that the cache starts again


def little_endian(values):
    """An array in little-endian byte order, as the spec's base64 and a hash's bytes are read everywhere."""
    if sys.byteorder == "big":
        values.byteswap()
    return values


def quantile_indices(seed, dims):
    return little_endian(array.array("H", hashlib.shake_256(seed.encode()).digest(2 * dims)))


class WordVectors:
    """Each word's packed vector at a length, made once: a batch of texts repeats most of its words."""

    def __init__(self):
        self.packed = {}
        self.bytes = 0

    def get(self, word, dims):
        key = (dims, word)
        found = self.packed.get(key)
        if found is None:
            if self.bytes > CACHE_BYTES:
                self.packed.clear()
                self.bytes = 0
            fields = little_endian(array.array("I", map(FIXED.__getitem__, quantile_indices("word:" + word, dims))))
            found = self.packed[key] = int.from_bytes(fields.tobytes(), "little")
            self.bytes += 4 * dims
        return found


WORD_VECTORS = WordVectors()


def summed_components(words, dims):
    """(sums, raised): the sum of the words' vectors, each component `raised` above its value, in 1/SCALE."""
    if len(words) <= WORDS_PER_SUM:  # the one addition a text of fewer than 65,536 words needs
        packed = sum(WORD_VECTORS.get(word, dims) for word in words)
        return little_endian(array.array("I", packed.to_bytes(4 * dims, "little"))), len(words) * OFFSET
    total = [0] * dims
    for start in range(0, len(words), WORDS_PER_SUM):
        fields, raised = summed_components(words[start:start + WORDS_PER_SUM], dims)
        total = [t + f - raised for t, f in zip(total, fields)]
    return total, 0


def unit(vector):
    norm = math.hypot(*vector) or 1.0
    return [x / norm for x in vector]


def text_vector(words, text, native, dims):
    """The unit vector of a text with these words, `native` long before being cut to `dims`."""
    sums, raised = summed_components(words, native)
    per_unit = 1 / (SCALE * max(1, len(words)))
    # The start of the native length's noise, as shake_256 is a stream: a shortened vector is a cut full one.
    noise = map(NOISY.__getitem__, quantile_indices("text:" + text, dims))
    return unit([(s - raised) * per_unit + z for s, z in zip(sums[:dims], noise)])


def encoded(vector, encoding_format):
    singles = array.array("f", vector)
    if encoding_format == "base64":
        return base64.b64encode(little_endian(singles).tobytes()).decode("ascii")
    return [float("%.9g" % x) for x in singles.tolist()]


# --- the request --------------------------------------------------------------------------------------------

def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def inputs_of(value, ApiError):
    """The inputs, each a string or a list of token ids; the forms the spec's oneOf allows, else a 400."""
    if value is None:
        raise ApiError(400, "Missing required parameter: 'input'.", "missing_required_parameter", "input")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and not value:
        raise ApiError(400, "Invalid 'input': empty array. Expected an array with minimum length 1, but got an "
                            "empty array instead.", "empty_array", "input")
    if isinstance(value, list) and len(value) > MAX_INPUTS:
        raise ApiError(400, f"Invalid 'input': array too long. Expected an array with maximum length {MAX_INPUTS}, "
                            f"but got an array with length {len(value)} instead.", "array_above_max_length", "input")
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return list(value)
        if all(is_int(item) for item in value):
            return [value]
        if all(isinstance(item, list) and all(is_int(t) for t in item) for item in value):
            return list(value)
    raise ApiError(400, "Invalid type for 'input': expected a string, an array of strings, an array of integers "
                        "or an array of arrays of integers.", "invalid_type", "input")


def tokens_of(item, index, ApiError):
    """An input's token count, refusing an empty one or one over MAX_INPUT_TOKENS; the message names it."""
    where = f"input[{index}]"
    if isinstance(item, str):
        if not item:
            raise ApiError(400, f"Invalid '{where}': empty string. Expected a string with minimum length 1, but got "
                                f"an empty string instead.", "empty_string", where)
        tokens = max(1, count_tokens(item))
    else:
        if not item:
            raise ApiError(400, f"Invalid '{where}': empty array. Expected an array with minimum length 1, but got "
                                f"an empty array instead.", "empty_array", where)
        if any(t < 0 for t in item):
            raise ApiError(400, f"Invalid '{where}': token ids must not be negative.", "invalid_value", where)
        tokens = len(item)
    if tokens > MAX_INPUT_TOKENS:
        raise ApiError(400, f"Invalid '{where}': maximum context length is {MAX_INPUT_TOKENS} tokens, however "
                            f"this input has {tokens} tokens.", "context_length_exceeded", where)
    return tokens


def words_and_text(item):
    """(the words a vector is made of, the text that names the input)."""
    if isinstance(item, str):
        return WORD.findall(item.lower()), item
    return [f"#{t}" for t in item], ",".join(map(str, item))


def dimensions_of(request, model, native, ApiError):
    wanted = request.get("dimensions")
    if wanted is None:
        return native
    if not is_int(wanted) or wanted < 1:
        raise ApiError(400, f"Invalid value for 'dimensions': expected an integer of at least 1, got "
                            f"{wanted!r}.", "invalid_value", "dimensions")
    if not model.startswith(SHORTENABLE):
        # OpenAI's own words for text-embedding-ada-002, with neither param nor code.
        raise ApiError(400, "This model does not support specifying dimensions.", None, None)
    if wanted > native:
        raise ApiError(400, f"Invalid value for 'dimensions': {wanted} is more than {model}'s {native}.",
                       "invalid_value", "dimensions")
    return wanted


def checked_request(request, ApiError):
    """(model, inputs, token counts, encoding format, native length, length) of a valid request, else a 400."""
    unknown = sorted(set(request) - ARGUMENTS)
    if unknown:
        raise ApiError(400, f"Unrecognized request argument supplied: {unknown[0]}", None, None)
    model = request.get("model")
    if not model or not isinstance(model, str):
        raise ApiError(400, "You must provide a model parameter.", "missing_required_parameter", "model")
    if request.get("user") is not None and not isinstance(request["user"], str):
        raise ApiError(400, "Invalid type for 'user': expected a string.", "invalid_type", "user")
    encoding_format = request.get("encoding_format") or "float"
    if encoding_format not in ("float", "base64"):
        raise ApiError(400, f"Invalid value for 'encoding_format': {encoding_format!r}. Supported values are: "
                            f"'float' and 'base64'.", "invalid_value", "encoding_format")
    native = NATIVE_DIMENSIONS.get(model, DEFAULT_DIMENSIONS)
    dims = dimensions_of(request, model, native, ApiError)
    inputs = inputs_of(request.get("input"), ApiError)
    tokens = [tokens_of(item, i, ApiError) for i, item in enumerate(inputs)]
    if sum(tokens) > MAX_REQUEST_TOKENS:
        # OpenAI's answer, whose type is the code.
        raise ApiError(400, f"Requested {sum(tokens)} tokens, max {MAX_REQUEST_TOKENS} tokens per request",
                       "max_tokens_per_request", None, type_="max_tokens_per_request")
    return model, inputs, tokens, encoding_format, native, dims


def create_embeddings(request, ApiError, log=None):
    """An OpenAI CreateEmbeddingResponse for `request`; `log(entry)` is given what was asked: the model, how
    many inputs, each input's sha256 (16 hex digits, as chat logs its text), the tokens, length and format."""
    model, inputs, tokens, encoding_format, native, dims = checked_request(request, ApiError)
    data, names = [], []
    for index, item in enumerate(inputs):
        words, text = words_and_text(item)
        names.append(hashlib.sha256(text.encode()).hexdigest()[:16])
        data.append({"object": "embedding", "index": index,
                     "embedding": encoded(text_vector(words, text, native, dims), encoding_format)})
    if log:
        log({"model": model, "inputs": len(inputs), "texts": names, "tokens": sum(tokens), "dimensions": dims,
             "encoding_format": encoding_format})
    return {"object": "list", "data": data, "model": model,
            "usage": {"prompt_tokens": sum(tokens), "total_tokens": sum(tokens)}}

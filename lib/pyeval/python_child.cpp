// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the child keeps the protocol on duplicates of its stdin and stdout,
// points fd 1 at stderr and fd 0 at /dev/null, so that print() in pythonfile, or a helper
// program it runs, cannot corrupt the protocol; it ignores SIGINT, which the driver handles
// (the child ends when its stdin closes).
// pythonfile is loaded with SourceFileLoader (any extension works), as LocalEval does with
// the `imp` module that Python 3.12 removed.
#include "pyeval/python_child.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "process/spawn.hpp"
#include "pyeval/json.hpp"

namespace oimap::pyeval {
namespace {

constexpr const char* kChildScript = R"PY(
import builtins, json, os, re, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
proto = os.fdopen(os.dup(1), 'w', encoding='ascii')
requests = os.fdopen(os.dup(0), 'rb')
os.dup2(2, 1)
os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
def send(obj):
    proto.write(json.dumps(obj) + '\n')
    proto.flush()
def error(e):
    return {'ok': False, 'error': '%s: %s' % (type(e).__name__, e)}
namespace = {}
try:
    if len(sys.argv) > 1:
        import importlib.machinery, importlib.util
        loader = importlib.machinery.SourceFileLoader('<none>', sys.argv[1])
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader('<none>', loader))
        loader.exec_module(module)
        for attr in dir(module):
            namespace[attr] = getattr(module, attr)
    own = [n for n in namespace if not n.startswith('__')
           and namespace[n] is not getattr(builtins, n, None) and namespace[n] is not re]
    send({'ok': True, 'names': own})
except BaseException as e:
    send(error(e))
    sys.exit(1)
handles = {}
def plain(v):
    if isinstance(v, bytes):
        return v.decode('utf-8', 'surrogateescape')
    return v
def encode(v):
    v = plain(v)
    if v is None or isinstance(v, (bool, int, str)):
        return {'ok': True, 'value': v}
    if isinstance(v, (list, tuple)) and all(x is None or isinstance(x, (bool, int, str, bytes)) for x in v):
        return {'ok': True, 'value': [plain(x) for x in v]}
    handles[len(handles) + 1] = v
    return {'ok': True, 'handle': len(handles), 'callable': callable(v), 'truthy': bool(v), 'repr': repr(v)}
while True:
    line = requests.readline()
    if not line:
        break
    try:
        req = json.loads(line.decode('utf-8', 'surrogateescape'))
        if req['op'] == 'eval':
            names = dict(namespace)
            if req['re']:
                names['re'] = re
            send(encode(eval(req['expr'], names)))
        else:
            send(encode(handles[req['handle']](*req['args'])))
    except Exception as e:
        send(error(e))
)PY";

const Value* member(const Value& object, std::string_view key) {
    if (object.kind != Value::Kind::kDict) return nullptr;
    for (const auto& [k, v] : *object.pairs) {
        if (k.is_str() && k.s == key) return &v;
    }
    return nullptr;
}

}  // namespace

PythonChild::PythonChild(const std::string& python, const std::optional<std::string>& pythonfile) {
    std::vector<std::string> args{"-c", kChildScript};
    if (pythonfile) args.push_back(*pythonfile);
    child_ = std::make_unique<process::Child>(python, args);
    auto hello = child_->read_line();
    if (!hello) throw IoError(cat("cannot start '", python, "': it exited at once"));
    Value v = from_json(*hello);
    const Value* ok = member(v, "ok");
    if (!ok || !truthy(*ok)) {
        const Value* e = member(v, "error");
        throw PyError(cat("cannot load pythonfile '", pythonfile.value_or(""), "': ",
                          e ? to_str(*e) : "unknown error"));
    }
    if (const Value* names = member(v, "names"); names && names->is_sequence()) {
        for (const Value& n : *names->items) names_.push_back(to_str(n));
    }
}

PythonChild::~PythonChild() = default;

int PythonChild::pid() const { return child_->pid(); }

PythonResult PythonChild::request(const std::string& line) {
    ++requests_;
    child_->write_line(line);
    auto reply = child_->read_line();
    if (!reply) throw IoError("cannot evaluate with python3: the child process exited");
    Value v = from_json(*reply);
    const Value* ok = member(v, "ok");
    if (!ok || !truthy(*ok)) {
        const Value* e = member(v, "error");
        throw PyError(e ? to_str(*e) : "unknown error from python3");
    }
    PythonResult result;
    if (const Value* value = member(v, "value")) result.value = *value;
    if (const Value* handle = member(v, "handle")) {
        result.handle = handle->i;
        result.callable = truthy(*member(v, "callable"));
        result.truthy = truthy(*member(v, "truthy"));
        result.repr = to_str(*member(v, "repr"));
    }
    return result;
}

PythonResult PythonChild::eval(const std::string& text, bool with_re) {
    Value request_value = Value::dict({{Value::str("op"), Value::str("eval")},
                                       {Value::str("expr"), Value::str(text)},
                                       {Value::str("re"), Value::boolean(with_re)}});
    return request(to_json(request_value));
}

PythonResult PythonChild::call(int64_t handle, const std::vector<Value>& args) {
    Value request_value = Value::dict({{Value::str("op"), Value::str("call")},
                                       {Value::str("handle"), Value::integer(handle)},
                                       {Value::str("args"), Value::list(args)}});
    return request(to_json(request_value));
}

}  // namespace oimap::pyeval

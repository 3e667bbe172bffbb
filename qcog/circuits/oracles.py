"""Phase oracles for Grover search: marked values, Boolean expressions, CNF, predicates.

An :class:`Oracle` flips the sign of the "good" basis states ``|x>`` of ``n`` search
qubits (qubit ``i`` is bit ``i`` of ``x``) and knows how to check a candidate ``x``
classically. It reports its gate cost before anything runs.

=============  ==========================================  ===========================
kind           built from                                  circuit
=============  ==========================================  ===========================
marked         integers or bitstrings                      one phase flip per value
expression     ``(a & ~b) | c`` (``& | ^ ~``, and/or/not)  Qiskit's ``PhaseOracleGate``
cnf            a DIMACS CNF file or text                   Qiskit's ``PhaseOracleGate``
predicate      a Python function of an n-bit integer       phase flips from its truth table
=============  ==========================================  ===========================

>>> oracle = marked_oracle([5, 9], num_qubits=4)
>>> oracle.solutions, oracle.is_good(9), oracle.is_good(4)
((5, 9), True, False)
>>> oracle.cost().twoq_gates > 0
True
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qcog.circuits.mcx import helpers_for, phase_flip
from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit

    from qcog.circuits.metrics import CircuitCost

#: Largest register a predicate's truth table is computed for (2**20 calls).
PREDICATE_MAX_QUBITS = 20
#: Largest register qcog builds oracles for.
MAX_QUBITS = 32

_EXPRESSION_SYNTAX = (
    "variables (letters, digits, _), & | ^ ~, and/or/not, parentheses, True/False/0/1"
)


@dataclass(frozen=True)
class Oracle:
    """A phase oracle on ``num_qubits`` search qubits plus a classical check.

    Attributes:
        kind: 'marked', 'expression', 'cnf' or 'predicate'.
        num_qubits: search qubits ``n``; the search space is ``0 .. 2**n - 1``.
        description: what the oracle marks, for people.
        verify: ``x -> bool``, the classical check of a candidate.
        solutions: the good values when known without searching (marked values, a
            predicate's truth table), else None.
        variables: for expressions and CNF, the variable on each qubit (qubit ``i``
            holds ``variables[i]``).
    """

    kind: str
    num_qubits: int
    description: str
    verify: Callable[[int], bool] = field(repr=False)
    append: Callable = field(repr=False)  # (circuit, search_qubits) -> None
    solutions: tuple[int, ...] | None = None
    variables: tuple[str, ...] = ()

    @property
    def num_solutions(self) -> int | None:
        """``M``, the number of good values, when known; else None."""
        return None if self.solutions is None else len(self.solutions)

    def is_good(self, x: int) -> bool:
        """Classical check of candidate ``x`` (an integer in ``[0, 2**n)``)."""
        if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < 1 << self.num_qubits:
            raise QcogValueError(
                f"candidate must be an integer in [0, {2**self.num_qubits - 1}], got {x!r}"
            )
        return bool(self.verify(x))

    def circuit(self, helpers: int | str = "auto") -> QuantumCircuit:
        """The oracle as a plain circuit on ``n`` search qubits plus ``helpers`` clean helpers.

        Args:
            helpers: number of helper qubits appended after the search qubits, or 'auto'
                (:func:`qcog.circuits.mcx.helpers_for`).
        """
        from qiskit import QuantumCircuit

        count = resolve_helpers(helpers, self.num_qubits)
        circuit = QuantumCircuit(self.num_qubits + count, name=f"oracle_{self.kind}")
        self.append(circuit, list(range(self.num_qubits)))
        return circuit

    def cost(self, helpers: int | str = "auto") -> CircuitCost:
        """Gate cost after transpiling to cx/rz/sx/x: a :class:`qcog.circuits.CircuitCost`."""
        from qcog.circuits.metrics import cost_in_basis

        return cost_in_basis(self.circuit(helpers))


def resolve_helpers(helpers: int | str, num_qubits: int) -> int:
    """Turn a ``helpers`` argument ('auto' or a count >= 0) into a count."""
    if helpers == "auto":
        return helpers_for(num_qubits)
    if isinstance(helpers, bool) or not isinstance(helpers, int) or helpers < 0:
        raise QcogValueError(f"helpers must be 'auto' or an integer >= 0, got {helpers!r}")
    return helpers


def _check_num_qubits(num_qubits, maximum: int = MAX_QUBITS) -> int:
    if (
        isinstance(num_qubits, bool)
        or not isinstance(num_qubits, int)
        or not 1 <= num_qubits <= maximum
    ):
        raise QcogValueError(
            f"number of search qubits must be an integer in [1, {maximum}], got {num_qubits!r}"
        )
    return num_qubits


# --- marked values ----------------------------------------------------------------------


def _parse_marked_value(value, num_qubits: int) -> int:
    if isinstance(value, str):
        bits = value.strip()
        if len(bits) != num_qubits or set(bits) - {"0", "1"}:
            raise QcogValueError(
                f"marked bitstring {value!r} must have exactly {num_qubits} characters 0/1 "
                "(rightmost is qubit 0); integers are accepted too"
            )
        return int(bits, 2)
    if isinstance(value, bool) or not isinstance(value, int):
        raise QcogValueError(f"marked values must be integers or bitstrings, got {value!r}")
    if not 0 <= value < 1 << num_qubits:
        raise QcogValueError(
            f"marked value {value} is out of range for {num_qubits} qubits: accepted 0..{2**num_qubits - 1}"
        )
    return value


def _append_flips(values: tuple[int, ...], num_qubits: int) -> Callable:
    """Appender of one phase flip per value; more than half marked: flip the rest, phase pi."""
    flip_rest = len(values) > 2 ** (num_qubits - 1)
    flips = sorted(set(range(2**num_qubits)) - set(values)) if flip_rest else list(values)

    def append(circuit, qubits):
        if flip_rest:  # -1 on the unmarked states times a global -1 = -1 on the marked ones
            circuit.global_phase += math.pi
        for value in flips:
            phase_flip(circuit, qubits, value)

    return append


def marked_oracle(marked: Iterable[int | str], num_qubits: int) -> Oracle:
    """Oracle that marks the given values (integers, or ``n``-character bitstrings).

    More than half of the space marked: the circuit flips the unmarked values and adds
    a global phase of pi, the same operator with fewer gates.

    Raises:
        QcogValueError: no values, a value out of range, or a malformed bitstring.

    >>> marked_oracle(["0101", 9], 4).solutions
    (5, 9)
    """
    n = _check_num_qubits(num_qubits)
    if isinstance(marked, (str, int)):
        marked = [marked]
    values = tuple(sorted({_parse_marked_value(v, n) for v in marked}))
    if not values:
        raise QcogValueError("marked_oracle needs at least one marked value (integer or bitstring)")
    good = frozenset(values)
    shown = ", ".join(map(str, values[:8])) + (", ..." if len(values) > 8 else "")
    return Oracle(
        kind="marked",
        num_qubits=n,
        description=f"marked values {{{shown}}} ({len(values)} of {2**n})",
        verify=good.__contains__,
        append=_append_flips(values, n),
        solutions=values,
    )


# --- predicates -------------------------------------------------------------------------


def truth_table(predicate: Callable[[int], bool], num_qubits: int) -> tuple[int, ...]:
    """The values ``x`` in ``[0, 2**n)`` where ``predicate(x)`` is true.

    Raises:
        QcogValueError: the predicate raised, or returned something other than a bool
            (or 0/1).
    """
    good = []
    for x in range(2**num_qubits):
        try:
            answer = predicate(x)
        except Exception as exc:
            raise QcogValueError(
                f"predicate raised {type(exc).__name__} at x={x}: {exc}; it must return a bool "
                f"for every integer 0..{2**num_qubits - 1}"
            ) from exc
        if answer not in (True, False):  # also accepts 0/1 and numpy bools
            raise QcogValueError(f"predicate returned {answer!r} at x={x}; it must return a bool")
        if answer:
            good.append(x)
    return tuple(good)


def predicate_oracle(
    predicate: Callable[[int], bool], num_qubits: int, name: str | None = None
) -> Oracle:
    """Oracle compiled from the truth table of a Python predicate over ``n``-bit integers.

    The predicate is called once per value ``0 .. 2**n - 1`` (``n`` at most
    :data:`PREDICATE_MAX_QUBITS`); the circuit flips the true values (or the false ones
    and a global phase, whichever is fewer).

    Raises:
        QcogValueError: ``predicate`` is not callable, raises, or returns a non-bool.

    >>> predicate_oracle(lambda x: x % 5 == 3, 4).solutions
    (3, 8, 13)
    """
    if not callable(predicate):
        raise QcogValueError(f"predicate must be callable (int -> bool), got {predicate!r}")
    n = _check_num_qubits(num_qubits, PREDICATE_MAX_QUBITS)
    values = truth_table(predicate, n)
    label = name or getattr(predicate, "__name__", "predicate")
    good = frozenset(values)
    return Oracle(
        kind="predicate",
        num_qubits=n,
        description=f"predicate {label} ({len(values)} of {2**n} true)",
        verify=good.__contains__,
        append=_append_flips(values, n) if values else (lambda circuit, qubits: None),
        solutions=values,
    )


# --- Boolean expressions ----------------------------------------------------------------

_OPERATORS = {ast.BitAnd: all, ast.And: all, ast.BitOr: any, ast.Or: any}


def _natural_key(name: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _check_expression_node(node: ast.AST, expression: str) -> None:
    allowed = (
        ast.Expression,
        ast.Name,
        ast.Load,
        ast.BoolOp,
        ast.And,
        ast.Or,
        ast.BinOp,
        ast.BitAnd,
        ast.BitOr,
        ast.BitXor,
        ast.UnaryOp,
        ast.Not,
        ast.Invert,
        ast.Constant,
    )
    for child in ast.walk(node):
        if not isinstance(child, allowed):
            raise QcogValueError(
                f"expression {expression!r} uses {type(child).__name__}, which is not accepted; "
                f"accepted: {_EXPRESSION_SYNTAX}"
            )
        if isinstance(child, ast.Constant) and child.value not in (True, False):
            raise QcogValueError(
                f"expression {expression!r}: constant {child.value!r}; only True/False/0/1"
            )


def _evaluate(node: ast.AST, env: dict[str, bool]) -> bool:
    """Evaluate a checked expression tree (our own evaluator, independent of Qiskit's)."""
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, env)
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, ast.UnaryOp):
        return not _evaluate(node.operand, env)
    if isinstance(node, ast.BoolOp):
        return _OPERATORS[type(node.op)](_evaluate(v, env) for v in node.values)
    left, right = _evaluate(node.left, env), _evaluate(node.right, env)
    if isinstance(node.op, ast.BitXor):
        return left != right
    return _OPERATORS[type(node.op)]((left, right))


def _combine(op: type, left: bool | str, right: bool | str) -> bool | str:
    """``left op right`` with constants folded away."""
    if isinstance(left, bool) and isinstance(right, bool):
        return {ast.BitAnd: left and right, ast.BitOr: left or right, ast.BitXor: left != right}[op]
    if isinstance(left, bool):
        left, right = right, left
    if isinstance(right, bool):  # left is a formula
        if op is ast.BitXor:
            return f"~({left})" if right else left
        return (left if right else False) if op is ast.BitAnd else (True if right else left)
    symbol = {ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^"}[op]
    return f"({left} {symbol} {right})"


def _to_operators(node: ast.AST) -> bool | str:
    """The checked tree with ``& | ^ ~`` only and constants folded (what Qiskit synthesizes)."""
    if isinstance(node, ast.Expression):
        return _to_operators(node.body)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, ast.UnaryOp):
        inner = _to_operators(node.operand)
        return (not inner) if isinstance(inner, bool) else f"~({inner})"
    if isinstance(node, ast.BoolOp):
        op = ast.BitAnd if isinstance(node.op, ast.And) else ast.BitOr
        out = _to_operators(node.values[0])
        for value in node.values[1:]:
            out = _combine(op, out, _to_operators(value))
        return out
    return _combine(type(node.op), _to_operators(node.left), _to_operators(node.right))


def _parse_expression(expression: str) -> tuple[ast.Expression, tuple[str, ...]]:
    if not isinstance(expression, str) or not expression.strip():
        raise QcogValueError(
            f"the Boolean expression is empty; write one like '(a & ~b) | c' ({_EXPRESSION_SYNTAX})"
        )
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise QcogValueError(
            f"cannot parse expression {expression!r}: {exc.msg}; accepted: {_EXPRESSION_SYNTAX}"
        ) from exc
    _check_expression_node(tree, expression)
    names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}, key=_natural_key)
    if not names:
        raise QcogValueError(f"expression {expression!r} has no variables")
    return tree, tuple(names)


def _append_phase_oracle(expression: bool | str, variables: tuple[str, ...]) -> Callable:
    """Appender of Qiskit's PhaseOracleGate, its variables placed on their qubits."""

    def append(circuit, qubits):
        from qiskit.circuit.library import PhaseOracleGate
        from qiskit.synthesis.boolean.boolean_expression import BooleanExpression

        if isinstance(expression, bool):  # constant: -1 everywhere or nothing
            circuit.global_phase += math.pi if expression else 0.0
            return
        boolean = BooleanExpression(expression, var_order=list(variables))
        gate = PhaseOracleGate(boolean)
        circuit.append(gate, [qubits[variables.index(name)] for name in boolean.args])

    return append


def _expression_oracle(kind, expression, tree, variables, num_qubits, description) -> Oracle:
    if num_qubits is None:
        num_qubits = len(variables)
    n = _check_num_qubits(num_qubits)
    if n != len(variables):
        raise QcogValueError(
            f"the {kind} has {len(variables)} variables ({', '.join(variables)}) but {n} qubits "
            "were asked for; the number of qubits must equal the number of variables"
        )

    def verify(x: int) -> bool:
        return _evaluate(tree, {name: bool(x >> i & 1) for i, name in enumerate(variables)})

    return Oracle(
        kind.lower(),
        n,
        description,
        verify,
        _append_phase_oracle(expression, variables),
        variables=variables,
    )


def expression_oracle(expression: str, num_qubits: int | None = None) -> Oracle:
    """Oracle for a Boolean expression; variables sorted naturally go on qubits 0, 1, ...

    Args:
        expression: e.g. ``'(a & ~b) | c'``; operators ``& | ^ ~`` or ``and or not``.
        num_qubits: must equal the number of variables (None: take it from them).

    Raises:
        QcogValueError: empty or malformed expression, or a qubit count that does not
            match the variables.

    >>> oracle = expression_oracle("a & ~b & c")
    >>> oracle.variables, [x for x in range(8) if oracle.is_good(x)]
    (('a', 'b', 'c'), [5])
    """
    tree, variables = _parse_expression(expression)
    return _expression_oracle(
        "expression",
        _to_operators(tree),
        tree,
        variables,
        num_qubits,
        f"expression {expression.strip()}",
    )


# --- DIMACS CNF -------------------------------------------------------------------------


def parse_dimacs(text: str) -> tuple[int, list[list[int]]]:
    """Parse DIMACS CNF text into ``(num_variables, clauses)``.

    Raises:
        QcogValueError: a missing or malformed ``p cnf V C`` header, a literal that is
            not an integer or names a variable beyond ``V``, a clause count that differs
            from ``C``, or an empty clause.

    >>> parse_dimacs("c demo\\np cnf 3 2\\n1 -2 0\\n3 0\\n")
    (3, [[1, -2], [3]])
    """
    header = None
    literals: list[int] = []
    for number, line in enumerate(str(text).splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith(("c", "%")):
            continue
        if line.startswith("p"):
            parts = line.split()
            if (
                header is not None
                or len(parts) != 4
                or parts[1] != "cnf"
                or not all(p.isdigit() for p in parts[2:])
            ):
                raise QcogValueError(
                    f"DIMACS line {number}: expected one header 'p cnf VARIABLES CLAUSES', got {line!r}"
                )
            header = (int(parts[2]), int(parts[3]))
            continue
        if header is None:
            raise QcogValueError(
                f"DIMACS line {number}: clauses before the 'p cnf VARIABLES CLAUSES' header"
            )
        for token in line.split():
            try:
                literal = int(token)
            except ValueError:
                raise QcogValueError(
                    f"DIMACS line {number}: {token!r} is not an integer literal"
                ) from None
            if abs(literal) > header[0]:
                raise QcogValueError(
                    f"DIMACS line {number}: literal {literal} names a variable beyond {header[0]}"
                )
            literals.append(literal)
    if header is None:
        raise QcogValueError("not DIMACS CNF: no 'p cnf VARIABLES CLAUSES' header")
    clauses, current = [], []
    for literal in literals:
        if literal == 0:
            if not current:
                raise QcogValueError(
                    "DIMACS: empty clause (a lone 0); every clause needs a literal"
                )
            clauses.append(current)
            current = []
        else:
            current.append(literal)
    if current:
        clauses.append(current)  # the last clause may omit its terminating 0
    if len(clauses) != header[1] or header[0] == 0:
        raise QcogValueError(
            f"DIMACS: header declares {header[0]} variables and {header[1]} clauses, found "
            f"{len(clauses)} clauses (and at least one variable is needed)"
        )
    return header[0], clauses


def cnf_oracle(source: str | Path, num_qubits: int | None = None) -> Oracle:
    """Oracle for a CNF formula: a DIMACS file path, or DIMACS text (with newlines).

    Variable ``k`` of the file sits on qubit ``k - 1``.

    Raises:
        QcogValueError: malformed DIMACS (the file and line are named), a folder or a
            binary file, or ``num_qubits`` not the declared variables.
        FileNotFoundError: no such file.

    >>> cnf_oracle("p cnf 2 2\\n1 0\\n-2 0\\n").solutions is None
    True
    """
    inline = isinstance(source, str) and "\n" in source
    text = source if inline else _read_cnf(Path(source))
    try:
        num_variables, clauses = parse_dimacs(text)
    except QcogValueError as exc:
        if inline:
            raise
        raise QcogValueError(f"{source}: {exc}") from None
    variables = tuple(f"x{k}" for k in range(1, num_variables + 1))
    expression = " & ".join(
        "(" + " | ".join(f"~x{-lit}" if lit < 0 else f"x{lit}" for lit in clause) + ")"
        for clause in clauses
    )
    tree = ast.parse(expression, mode="eval")
    name = "inline DIMACS" if "\n" in str(source) else Path(source).name
    return _expression_oracle(
        "CNF",
        expression,
        tree,
        variables,
        num_qubits,
        f"CNF {name} ({num_variables} variables, {len(clauses)} clauses)",
    )


def _read_cnf(path: Path) -> str:
    if path.is_dir():
        raise QcogValueError(f"{path} is a folder; give a DIMACS CNF file")
    if not path.exists():
        raise FileNotFoundError(f"no DIMACS CNF file at {str(path)!r}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise QcogValueError(f"{path} is not a text file; give a DIMACS CNF file") from None

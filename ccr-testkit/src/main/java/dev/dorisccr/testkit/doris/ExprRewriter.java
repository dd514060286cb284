package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rebuilds an expression with its direct children mapped (the one place that knows every node's shape). */
final class ExprRewriter {
    private ExprRewriter() {}

    static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), f.apply(u.operand()));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), f.apply(b.left()), f.apply(b.right()));
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.name(), c.distinct(), c.star(), map(c.args(), f));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(f.apply(c.operand()), c.type());
        }
        if (e instanceof Expr.Case c) {
            return new Expr.Case(c.operand() == null ? null : f.apply(c.operand()), map(c.whens(), f), map(c.thens(), f),
                    c.otherwise() == null ? null : f.apply(c.otherwise()));
        }
        if (e instanceof Expr.In in) {
            return new Expr.In(f.apply(in.operand()), map(in.list(), f), in.not());
        }
        if (e instanceof Expr.Between b) {
            return new Expr.Between(f.apply(b.operand()), f.apply(b.low()), f.apply(b.high()), b.not());
        }
        if (e instanceof Expr.Like l) {
            return new Expr.Like(f.apply(l.operand()), f.apply(l.pattern()), l.not());
        }
        if (e instanceof Expr.IsNull n) {
            return new Expr.IsNull(f.apply(n.operand()), n.not());
        }
        if (e instanceof Expr.Subscript s) {
            return new Expr.Subscript(f.apply(s.operand()), f.apply(s.key()));
        }
        return e;
    }

    private static List<Expr> map(List<Expr> list, UnaryOperator<Expr> f) {
        List<Expr> out = new ArrayList<>(list.size());
        list.forEach(x -> out.add(f.apply(x)));
        return out;
    }
}

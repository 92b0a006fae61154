//===- DlcBase.td - the dlc dialect, its enums and op base class -*- tablegen -*-===//
//
// Shared by every op file of the dialect (NNOps.td, ShapeOps.td, RNNOps.td).
//
//===----------------------------------------------------------------------===//

#ifndef DLC_IR_DLCBASE_TD
#define DLC_IR_DLCBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "ir/GradientInterface.td"

def Dlc_Dialect : Dialect {
  let name = "dlc";
  let cppNamespace = "::dlc";
  let summary = "Deep-learning layers on ranked tensors, channels-last";
  let description = [{
    The `dlc` dialect is the intermediate representation of the dlc compiler.
    Its ops are the layers of a Keras model (dense, conv2d, pooling,
    activations, dropout, recurrent layers, embedding, ...) on ranked tensors.

    Conventions shared by every op:

    * Images are channels-last (`NHWC`): `[batch, height, width, channels]`.
      The Keras frontend transposes `channels_first` inputs at import.
    * Weights keep the Keras layout, so Keras weight files map one to one:
      a dense kernel is `[in, out]`, a conv2d filter is `[kh, kw, in, out]`,
      recurrent kernels are `[units, gates * units]` with the gates in Keras
      order (LSTM: i, f, c, o; GRU: z, r, h).
    * The element type is a parameter: ops accept any float element type and
      require their float operands to agree; `f32` is what the frontend emits.
    * Dimensions may be dynamic (`?`); checks that need a static size are
      skipped for dynamic ones. The frontend emits static shapes for the
      compiled batch size.
    * Every op infers its result type from its operands and attributes.
  }];
}

//===----------------------------------------------------------------------===//
// Enums (integer-backed, so op assembly formats print the bare keyword:
// `relu(%x)`, `padding(same)`)
//===----------------------------------------------------------------------===//

def Dlc_ActLinear      : I32EnumAttrCase<"linear", 0>;
def Dlc_ActRelu        : I32EnumAttrCase<"relu", 1>;
def Dlc_ActTanh        : I32EnumAttrCase<"tanh", 2>;
def Dlc_ActSigmoid     : I32EnumAttrCase<"sigmoid", 3>;
def Dlc_ActHardSigmoid : I32EnumAttrCase<"hard_sigmoid", 4>;
def Dlc_ActElu         : I32EnumAttrCase<"elu", 5>;
def Dlc_ActHardSigmoid6 : I32EnumAttrCase<"hard_sigmoid6", 6>;

def Dlc_ActivationAttr : I32EnumAttr<"Activation",
    "an element-wise activation function", [
      Dlc_ActLinear, Dlc_ActRelu, Dlc_ActTanh, Dlc_ActSigmoid,
      Dlc_ActHardSigmoid, Dlc_ActElu, Dlc_ActHardSigmoid6]> {
  let cppNamespace = "::dlc";
  let description = [{
    `linear` is the identity; `hard_sigmoid` is Keras 2's
    `clip(0.2 * x + 0.5, 0, 1)`; `hard_sigmoid6` is Keras 3's
    `relu6(x + 3) / 6`; `elu` is `x > 0 ? x : alpha * (exp(x) - 1)`.
  }];
}

def Dlc_PadValid : I32EnumAttrCase<"valid", 0>;
def Dlc_PadSame  : I32EnumAttrCase<"same", 1>;
def Dlc_PaddingAttr : I32EnumAttr<"Padding",
    "window padding, as Keras and TensorFlow define it",
    [Dlc_PadValid, Dlc_PadSame]> {
  let cppNamespace = "::dlc";
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Dlc_FloatTensor : RankedTensorOf<[AnyFloat]>;
def Dlc_IndexTensor : RankedTensorOf<[AnySignlessInteger]>;
def Dlc_FloatVector : 1DTensorOf<[AnyFloat]>;
// A step or iteration counter: a 0-d i64 tensor (buildable, so assembly
// formats need not spell its type).
def Dlc_Counter : 0DTensorOf<[I64]>,
    BuildableType<"::mlir::RankedTensorType::get({}, $_builder.getIntegerType(64))">;

//===----------------------------------------------------------------------===//
// Base op class
//===----------------------------------------------------------------------===//

// Every dlc op is side-effect free and infers its result types through
// `inferReturnTypes(context, location, adaptor, types)`, which also reports
// every shape error with a precise message. Assembly formats spell out the
// result types (or tie them to an operand with AllTypesMatch): in MLIR 19 a
// custom parser runs type inference before the op's properties are filled.
class Dlc_Op<string mnemonic, list<Trait> traits = []>
    : Op<Dlc_Dialect, mnemonic,
         !listconcat([Pure, InferTypeOpAdaptor], traits)>;

// An op whose result has its input's type (activations, softmax, dropout):
// the type is inferred from AllTypesMatch; `verify()` checks the attributes.
class Dlc_SameTypeOp<string mnemonic, list<Trait> traits = []>
    : Op<Dlc_Dialect, mnemonic,
         !listconcat([Pure, AllTypesMatch<["input", "result"]>], traits)> {
  let hasVerifier = 1;
}

#endif // DLC_IR_DLCBASE_TD

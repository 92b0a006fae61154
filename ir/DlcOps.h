// The dlc dialect's public header: the dialect, its enums and its ops.
#ifndef DLC_IR_DLCOPS_H
#define DLC_IR_DLCOPS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "ir/DlcDialect.h.inc"
#include "ir/GradientInterface.h.inc"
#include "ir/DlcEnums.h.inc"

#define GET_OP_CLASSES
#include "ir/DlcOps.h.inc"

#endif // DLC_IR_DLCOPS_H
